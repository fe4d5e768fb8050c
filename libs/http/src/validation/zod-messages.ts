import { z } from 'zod';

/**
 * zod's own words for a missing or mistyped field ("Invalid input: expected number, received
 * undefined") in the words of the rest of the API: "is required", "must be a number". Global: loaded with
 * @lc/http by every process (API, worker, demo) and by every jest project (jest.config.js
 * setupFiles), so that a schema speaks alike wherever it is parsed; a schema's own message wins.
 */
const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
  bigint: 'a whole number',
};
z.config({
  customError: (issue) => {
    if (issue.code !== 'invalid_type') return undefined;
    if (issue.input === undefined) return 'is required';
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return issue.input === null ? `must be ${expected}, not null` : `must be ${expected}`;
  },
});

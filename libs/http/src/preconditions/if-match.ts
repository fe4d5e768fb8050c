import { invalidField } from '@lc/decider';

/** `If-Match: "7"` (or W/"7", or 7) → 7. Absent → undefined: the write then only guards against races. */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw invalidField('If-Match', 'must be the version from the ETag, e.g. "3"');
  return Number(match[1]);
}

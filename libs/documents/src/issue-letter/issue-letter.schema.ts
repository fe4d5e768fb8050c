import { z } from 'zod';
import { isoDateSchema } from '@lc/reference-data';
import { LETTER_KINDS } from '../letters/letter.decider';

const letterText = z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5000 characters');

/** POST /api/v1/disputes/{id}/letters and /api/v1/mediations/{id}/letters. */
export const issueLetterSchema = z.strictObject({
  kind: z.enum(LETTER_KINDS, { error: `must be one of ${LETTER_KINDS.join(', ')}` }),
  /** What the union found: the facts and the problem. */
  facts: letterText,
  /** What the letter reminds the employer of, or the union's opinion or recommendations (one per line). */
  requests: letterText,
  /** Default: today in Shanghai. */
  issuedOn: isoDateSchema.optional(),
  /** The day by which the employer is asked to answer in writing; default: within 15 days. */
  replyBy: isoDateSchema.optional(),
});

export type IssueLetterRequest = z.output<typeof issueLetterSchema>;

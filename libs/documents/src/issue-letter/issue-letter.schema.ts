import { z } from 'zod';
import { boundedText, isoDateSchema } from '@lc/reference-data';
import { LETTER_KINDS } from '../letters/letter-kinds';

const letterText = boundedText(5000);

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

/* The kinds of letter (一函两书): here, so that the request schema and the decider share them without importing each other. */
export const LETTER_KINDS = ['reminder-letter', 'opinion', 'recommendation'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

import { ValueTransformer } from 'typeorm';

/** bigint columns arrive as strings; fen amounts, and the sums of them this system sees, stay far below 2^53. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/*
 * The clocks context's migrations, published as @lc/clocks/migrations for @lc/migrations, which
 * assembles every lib's into the one list. Only the migration files: `worker migrate` loads this
 * without loading any Nest module.
 */
import { Clocks1763700000030 } from './migrations/1763700000030-clocks';
import { ClockReferences1763700000122 } from './migrations/1763700000122-clock-references';
import { ClockEmployerCreditCodes1764700000181 } from './migrations/1764700000181-clock-employer-credit-codes';
import { ClockCompletion1764700000190 } from './migrations/1764700000190-clock-completion';

export const migrations = [Clocks1763700000030, ClockReferences1763700000122, ClockEmployerCreditCodes1764700000181, ClockCompletion1764700000190];

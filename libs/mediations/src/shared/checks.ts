/*
 * The field checks and date rules every decider shares. They were written for dispute cases and
 * live in libs/disputes (not in its public index, being internals); mediations import them from
 * here only, so moving them into a shared library later changes this one file.
 */
export {
  FieldChecks,
  definedOnly,
  refuseDateBefore,
  refuseFutureDate,
  today,
} from '../../../disputes/src/shared/checks';
export type { CommandContext } from '../../../disputes/src/dispute-case/dispute-case.decider';
export { MAX_AMOUNT_FEN } from '../../../disputes/src/dispute-case/dispute-case.decider';
export type { Claimant, Employer } from '../../../disputes/src/dispute-case/dispute-case.decider';

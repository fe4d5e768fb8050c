/*
 * The field checks and date rules every decider shares. They live in libs/disputes' internals;
 * alerts import them from here only (as mediations do), so moving them into a shared library
 * later changes this one file.
 */
export {
  CLIENT_CLOCK_SKEW_MS,
  FieldChecks,
  definedOnly,
  refuseFutureInstant,
  today,
} from '../../../disputes/src/shared/checks';
export type { CommandContext } from '../../../disputes/src/dispute-case/dispute-case.decider';
export { MAX_WORKERS_INVOLVED } from '../../../disputes/src/dispute-case/dispute-case.decider';

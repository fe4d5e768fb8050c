/*
 * The disputes context's published domain: its deciders (commands, events, state), stream ids and
 * pure helpers. Pure (no Nest, no TypeORM, no I/O), so a decider or a spec of another context can
 * import it (`@lc/disputes/domain`) without loading this context's module graph; `@lc/disputes` re-exports it.
 */
export * from './dispute-case/dispute-case.decider';
export * from './dispute-case/case-number';
export * from './dispute-case/documents';
export * from './complaint/complaint.decider';
export * from './shared/personal-data';

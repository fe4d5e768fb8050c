/*
 * The alerts context's published domain: its deciders (commands, events, state), stream ids and
 * pure helpers. Pure (no Nest, no TypeORM, no I/O), so a decider or a spec of another context can
 * import it (`@lc/alerts/domain`) without loading this context's module graph; `@lc/alerts` re-exports it.
 */
export * from './alert/alert.decider';
export * from './informant/informant.decider';
export * from './risk-weights/risk-weights';

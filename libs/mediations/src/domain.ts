/*
 * The mediations context's published domain: its deciders (commands, events, state), stream ids and
 * pure helpers. Pure (no Nest, no TypeORM, no I/O), so a decider or a spec of another context can
 * import it (`@lc/mediations/domain`) without loading this context's module graph; `@lc/mediations` re-exports it.
 */
export * from './mediation/mediation.decider';
export * from './mediation/documents';
export { maskedMediationEventData } from './shared/personal-data';

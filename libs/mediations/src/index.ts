export * from './mediation/mediation.decider';

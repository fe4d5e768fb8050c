/* Limits the mediation's request schemas and its decider share: here, so that neither imports the other for them. */

/** The mediation period may be extended once, by at most this many days. */
export const MAX_EXTENSION_DAYS = 30;
export const MAX_WORKERS = 1000;

export const JUDICIAL_CONFIRMATION_STEPS = ['applied', 'granted', 'refused'] as const;
export type JudicialConfirmationStep = (typeof JUDICIAL_CONFIRMATION_STEPS)[number];

import type { Mediation } from './mediation.decider';

/** The documents a court-referred mediation can be given as DOCX (libs/documents). */
export type MediationDocumentKind = 'mediation-agreement' | 'judicial-confirmation-application' | 'referral-feedback';

/**
 * Which of them it can have now: the agreement and the joint application for judicial confirmation
 * once agreed; the feedback letter to the court once the mediation ended, whichever way (on
 * failure it names the points still in dispute).
 */
export function mediationDocumentKinds(mediation: Pick<Mediation, 'status'>): MediationDocumentKind[] {
  switch (mediation.status) {
    case 'agreed':
      return ['mediation-agreement', 'judicial-confirmation-application', 'referral-feedback'];
    case 'failed':
    case 'withdrawn':
      return ['referral-feedback'];
    default:
      return [];
  }
}

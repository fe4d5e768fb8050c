import type { DisputeCase } from './dispute-case.decider';

/** The documents a dispute case can be given as DOCX (libs/documents); the union's letters are issued separately. */
export type DisputeDocumentKind = 'mediation-agreement';

/** Which of them the case can have now: a 调解协议书 only once it was resolved by an agreement. */
export function disputeDocumentKinds(dispute: Pick<DisputeCase, 'status' | 'outcome'>): DisputeDocumentKind[] {
  return dispute.status === 'resolved' && dispute.outcome === 'agreement' ? ['mediation-agreement'] : [];
}

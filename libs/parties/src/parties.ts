/*
 * The parties of a labour dispute, as every context that records one sees them: the employer and
 * the workers (a dispute's claimants, a mediation's workers, an alert's workers when converted),
 * with the limits their figures keep to. Shared by disputes, mediations, alerts, documents and
 * reporting, so it lives below them all: pure, no Nest, no I/O.
 */

/** 涉及职工30人以上: such a case is counted separately and escalated to supervisors at once. */
export const GROUP_DISPUTE_THRESHOLD = 30;
export const MAX_WORKERS_INVOLVED = 100_000;
/** 10^12 fen = 10 billion yuan: far above any claim, low enough to catch a slipped keyboard. */
export const MAX_AMOUNT_FEN = 1_000_000_000_000;

export interface Employer {
  name: string;
  /** Unified Social Credit Code, upper case, check character verified. */
  creditCode: string;
}

export interface Claimant {
  name: string;
  /** Resident ID number, full: personal data, mask it (maskResidentId) outside the case detail. */
  idNumber?: string;
  /** Personal data too: maskPhone. */
  phone?: string;
  /**
   * Set by the event store's personal-data protection, never by commands: whose name, ID number
   * and phone these are (their key seals them in the stored event). `erased`: that person's data
   * was erased on request; name, ID number and phone then read 已删除 (ERASED).
   */
  personId?: string;
  erased?: boolean;
}

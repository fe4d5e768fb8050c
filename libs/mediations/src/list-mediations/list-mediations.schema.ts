import { z } from 'zod';
import { accountRef, pageQueryFields, sortQueryField } from '@lc/http';
import { codeSchema, creditCodeSchema } from '@lc/reference-data';
import { JudicialConfirmationStatus, MediationStatus } from '../mediation/mediation.decider';
import { category, isoDate, subDistrict } from '../shared/request-fields';

const STATUSES = ['referred', 'in_progress', 'agreed', 'failed', 'withdrawn'] as const satisfies readonly MediationStatus[];
const JUDICIAL_CONFIRMATION = ['not_applied', 'applied', 'granted', 'refused'] as const satisfies readonly JudicialConfirmationStatus[];

export const MEDIATION_SORT_COLUMNS = {
  referredOn: 'm.referred_on',
  updatedAt: 'm.updated_at',
  courtCaseNo: 'm.court_case_no',
  deadlineOn: 'm.deadline_on',
  agreedOn: 'm.agreed_on',
  claimAmountFen: 'm.claim_amount_fen',
  amountFen: 'm.amount_won_fen',
  subDistrict: 'm.sub_district',
  status: 'm.status',
  /** When it was recorded: the order of referrals on the same day. */
  recordedAt: 'm.recorded_at',
};

/** GET /api/v1/mediations: every filter optional, combined with AND, within the caller's scope. */
export const listMediationsSchema = z.strictObject({
  status: codeSchema(STATUSES).optional(),
  subDistrict: subDistrict.optional(),
  category: category.optional(),
  /** The mediator's id, or `me` for the caller's own mediations. */
  mediatorId: accountRef('must be the id (uuid) of a mediator account, or me').optional(),
  /** Referred on or after this date (inclusive). */
  referredFrom: isoDate.optional(),
  /** Referred on or before this date (inclusive). */
  referredTo: isoDate.optional(),
  /** Agreed on or after this date (inclusive): the amount won counts on the agreement date. */
  agreedFrom: isoDate.optional(),
  agreedTo: isoDate.optional(),
  judicialConfirmation: codeSchema(JUDICIAL_CONFIRMATION).optional(),
  /** The employer's unified social credit code (exact). */
  creditCode: creditCodeSchema.optional(),
  /** Court reference number, court, employer name or credit code, worker name. */
  q: z.string().trim().min(1).max(100).optional(),
  sort: sortQueryField(MEDIATION_SORT_COLUMNS, '-referredOn,-recordedAt'),
  ...pageQueryFields,
});

export type ListMediationsRequest = z.output<typeof listMediationsSchema>;

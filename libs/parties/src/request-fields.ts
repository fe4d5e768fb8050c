import { z } from 'zod';
import {
  DISPUTE_CATEGORIES,
  DISPUTE_CHANNELS,
  boundedText,
  codeSchema,
  creditCodeSchema,
  employerSchema,
  isoDateSchema,
  isoInstantSchema,
  personSchema,
  subDistrictSchema,
} from '@lc/reference-data';
import { MAX_AMOUNT_FEN, MAX_WORKERS_INVOLVED } from './parties';

/* The request field schemas shared by disputes, complaints, mediations and alerts: same wording, same limits. */

export const text = boundedText;
/** May be empty (a recovery or resolution needs no comment), still bounded. */
export const optionalNote = z.string().trim().max(2000, 'must be at most 2000 characters').default('');
export const isoDate = isoDateSchema;
export const isoInstant = isoInstantSchema;
export const subDistrict = subDistrictSchema;
export const creditCode = creditCodeSchema;
export const employer = employerSchema;
export const claimant = personSchema;
export const disputeChannel = codeSchema(DISPUTE_CHANNELS);
export const disputeCategory = codeSchema(DISPUTE_CATEGORIES);

export const workersInvolved = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_WORKERS_INVOLVED, `must be at most ${MAX_WORKERS_INVOLVED}`);

/** Integer fen; 0 only where said (a claim), recoveries need at least 1. */
export const fen = (min: 0 | 1) =>
  z
    .number()
    .int('must be a whole number of fen')
    .min(min, min === 1 ? 'must be a positive number of fen' : 'must not be negative')
    .max(MAX_AMOUNT_FEN, `must be at most ${MAX_AMOUNT_FEN} fen`);

/**
 * An opening's answer when the employer has an open case with a claimant in common (same ID number
 * or phone): open this one all the same (a separate matter of the same workers). Without it such an
 * opening is a 409 naming that case. The same on every way a case opens (a request, a conversion).
 */
export const confirmDuplicate = z.boolean({ error: 'must be true or false' }).optional();

/**
 * A mediator opening a record (a case, a conversion, a referral) is assigned to it unless this is
 * false; only a mediator can be assigned this way (openingMediator in libs/access).
 */
export const assignToMe = z.boolean({ error: 'must be true or false' }).optional();

import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DuplicateRecordError } from '@lc/decider';
import { EVENT_STORE, EventStore, loadState } from '@lc/event-store';
import type { Claimant } from '@lc/parties';
import { DisputeCase, disputeCase, disputeStreamId } from '../dispute-case/dispute-case.decider';
import { DisputeCaseView } from '../read-model/dispute-case.view';

export interface OverlappingCase {
  id: string;
  caseNo: string;
  /** How the claimants overlap: which claimant of the new case, by ID number or by phone. */
  matchedBy: Array<'idNumber' | 'phone'>;
}

/**
 * The rule for every way a case opens (a request, a complaint or an alert converted): an opening
 * that overlaps an open case is a 409 naming it, unless the opener confirmed it is a separate
 * matter (`confirmDuplicate: true`), which the opening then records (confirmedDuplicateOf).
 */
export function refuseUnconfirmedOverlap(overlaps: OverlappingCase[], employerName: string, confirmDuplicate: boolean | undefined): void {
  if (overlaps.length === 0 || confirmDuplicate) return;
  const [first] = overlaps;
  throw new DuplicateRecordError(
    `${employerName} has an open case with the same claimant (${first.caseNo}); open this one anyway with confirmDuplicate: true`,
    { kind: 'dispute', id: first.id, caseNo: first.caseNo, matchedBy: first.matchedBy, all: overlaps.map((o) => ({ id: o.id, caseNo: o.caseNo })) },
    [{ field: 'confirmDuplicate', message: 'is required: the employer has an open case with the same claimant' }],
  );
}

/** Candidates looked at: an employer with more open cases than this is an exception, not a duplicate check. */
const MAX_CANDIDATES = 100;

const idKey = (c: Claimant) => c.idNumber?.trim().toUpperCase();
const phoneKey = (c: Claimant) => c.phone?.replace(/\D/g, '') || undefined;

/**
 * The employer's open cases that share a claimant with a case about to be opened (same resident ID
 * number or phone): the same workers' same dispute opened twice would count twice in the
 * federation's figures. The list finds the employer's open cases (masked claimants); each
 * candidate's stream then gives the claimants in full to compare. A case opened a moment ago and
 * not yet in the list is not seen: this is a guard against double entry, not a lock.
 */
@Injectable()
export class OverlappingCases {
  constructor(
    @InjectRepository(DisputeCaseView) private readonly cases: Repository<DisputeCaseView>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async find(creditCode: string | undefined, claimants: Claimant[], except: string): Promise<OverlappingCase[]> {
    if (!creditCode) return [];
    const ids = new Set(claimants.map(idKey).filter(Boolean));
    const phones = new Set(claimants.map(phoneKey).filter(Boolean));
    if (ids.size === 0 && phones.size === 0) return [];
    const candidates = await this.cases
      .createQueryBuilder('d')
      .select(['d.id', 'd.caseNo'])
      .where('d.employer_credit_code = :creditCode AND d.status = :open AND d.id <> :except', { creditCode, open: 'open', except })
      .orderBy('d.opened_on', 'DESC')
      .addOrderBy('d.id')
      .limit(MAX_CANDIDATES)
      .getMany();
    const found: OverlappingCase[] = [];
    for (const candidate of candidates) {
      const { state } = await loadState(this.store, disputeCase, disputeStreamId(candidate.id));
      if (state.status !== 'open') continue; // resolved since the list was written
      const matchedBy = new Set<'idNumber' | 'phone'>();
      for (const c of (state as DisputeCase).claimants) {
        if (ids.has(idKey(c))) matchedBy.add('idNumber');
        if (phones.has(phoneKey(c))) matchedBy.add('phone');
      }
      if (matchedBy.size > 0) found.push({ id: candidate.id, caseNo: candidate.caseNo, matchedBy: [...matchedBy] });
    }
    return found;
  }
}

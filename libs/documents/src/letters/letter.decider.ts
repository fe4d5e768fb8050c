import { CommandContext, Decider, DomainError, DomainEvent } from '@lc/decider';
import { district, definedOnly, refuseDateBefore, refuseFutureDate, today } from '@lc/reference-data';
import type { Employer } from '@lc/parties';
import type { IssueLetterRequest } from '../issue-letter/issue-letter.schema';
import type { LetterKind } from './letter-kinds';

/*
 * The union's labour-law supervision letters to an employer (一函两书): 提示函 (reminder letter),
 * 意见书 (opinion), 建议书 (recommendation). Each cites the dispute case or mediation it arose
 * from, and is numbered per kind and year. One stream per enterprise, `enterprise-letters-<credit
 * code>`: the enterprise's page reads its letters in one read, whatever record they cite.
 */

export { LETTER_KINDS } from './letter-kinds';
export type { LetterKind } from './letter-kinds';

export const enterpriseLettersStream = (creditCode: string): string => `enterprise-letters-${creditCode}`;

/** Letters of a kind and year are numbered 1, 2, 3...: 龙岗工提〔2026〕3号. */
const KIND_ABBREVIATIONS: Record<LetterKind, string> = { 'reminder-letter': '提', opinion: '意', recommendation: '建' };

export function letterNoFor(kind: LetterKind, year: number, sequence: number, districtCode?: string): string {
  const name = district(districtCode).name.zh.replace(/[区县市]$/, '');
  return `${name}工${KIND_ABBREVIATIONS[kind]}〔${year}〕${sequence}号`;
}

export interface CitedRecord {
  kind: 'dispute' | 'mediation';
  id: string;
  /** The case number, or the court's case number of a mediation. */
  ref: string;
}

export interface LetterIssuedData {
  letterId: string;
  kind: LetterKind;
  /** Allocated after the decision, just before the append (see IssueLetterHandler). */
  letterNo: string;
  issuedOn: string;
  record: CitedRecord;
  /** The cited record's scope: who may see the letter. */
  subDistrict: string;
  mediatorId: string | null;
  employer: Employer;
  /** What the union found (the facts and the problem). */
  facts: string;
  /** What it reminds the employer of, its opinion, or its recommendations. */
  requests: string;
  /** The day by which the employer is asked to answer in writing. */
  replyBy?: string;
}

export type LetterIssued = DomainEvent<'LetterIssued', LetterIssuedData>;
export type LetterEvent = LetterIssued;

/** The request (kind, facts, requests, issuedOn?, replyBy?: issue-letter.schema.ts) and what the handler draws from the cited record. */
export type IssueLetter = CommandContext &
  IssueLetterRequest & {
    type: 'IssueLetter';
    letterId: string;
    record: CitedRecord;
    subDistrict: string;
    mediatorId: string | null;
    employer: Employer;
    /** The day the cited record started (opened, referred): a letter cannot cite it before. */
    recordStartedOn: string;
  };

export interface EnterpriseLetters {
  letters: LetterIssuedData[];
}

/** Placeholder until the number is allocated; never appended (the handler checks). */
export const UNNUMBERED = '';

export const enterpriseLetters: Decider<IssueLetter, LetterEvent, EnterpriseLetters> = {
  initialState: () => ({ letters: [] }),

  decide(command, state) {
    if (state.letters.some((l) => l.letterId === command.letterId)) return [];
    const issuedOn = command.issuedOn ?? today(command.now);
    refuseFutureDate('issuedOn', issuedOn, command.now);
    refuseDateBefore('issuedOn', issuedOn, command.recordStartedOn, `the day the ${command.record.kind === 'dispute' ? 'case was opened' : 'case was referred'}`);
    if (command.replyBy !== undefined && command.replyBy < issuedOn) {
      throw new DomainError('validation_failed', 'replyBy: must not be before the letter is issued', [{ field: 'replyBy', message: 'must not be before issuedOn' }]);
    }
    return [
      {
        type: 'LetterIssued',
        data: definedOnly<LetterIssuedData>({
          letterId: command.letterId,
          kind: command.kind,
          letterNo: UNNUMBERED,
          issuedOn,
          record: command.record,
          subDistrict: command.subDistrict,
          mediatorId: command.mediatorId,
          employer: { name: command.employer.name, creditCode: command.employer.creditCode },
          facts: command.facts,
          requests: command.requests,
          replyBy: command.replyBy,
        }),
      },
    ];
  },

  evolve(state, event) {
    return event.type === 'LetterIssued' ? { letters: [...state.letters, event.data] } : state;
  },
};

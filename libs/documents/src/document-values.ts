import { DomainError, fold } from '@lc/decider';
import { DisputeCase, DisputeEvent, disputeCase } from '@lc/disputes/domain';
import { Claimant, maskClaimant } from '@lc/parties';
import { Mediation, MediationEvent, judicialConfirmationDeadline, mediation as mediationDecider } from '@lc/mediations/domain';
import { district, label, Locale, subDistrictName } from '@lc/reference-data';
import { capitalAmount, figuresAmount } from './chinese-amount';
import { DocumentValues } from './docx';
import { LetterIssuedData, LetterKind } from './letters/letter.decider';

/*
 * What goes into each template, worked out from the record's events as its stream holds them (no
 * counting by hand, no read model that may lag): pure functions of the events and of who asks.
 * Blanks that the system does not know (a worker's address, the legal representative) are lines
 * to fill in by hand, since the paper is signed anyway.
 */

export const RECORD_DOCUMENT_KINDS = ['mediation-agreement', 'judicial-confirmation-application', 'referral-feedback'] as const;
export type RecordDocumentKind = (typeof RECORD_DOCUMENT_KINDS)[number];
export type DocumentKind = RecordDocumentKind | LetterKind;

export const DOCUMENT_TITLES: Record<DocumentKind, Record<Locale, string>> = {
  'mediation-agreement': { zh: '调解协议书', en: 'Mediation agreement' },
  'judicial-confirmation-application': { zh: '司法确认申请书', en: 'Application for judicial confirmation' },
  'referral-feedback': { zh: '委托调解反馈函', en: 'Feedback on a referred mediation' },
  'reminder-letter': { zh: '提示函', en: 'Reminder letter' },
  opinion: { zh: '劳动法律监督意见书', en: 'Labour-law supervision opinion' },
  recommendation: { zh: '劳动法律监督建议书', en: 'Labour-law supervision recommendation' },
};

/** Who asks and when: the rest comes from the events. */
export interface DocumentContext {
  lang: Locale;
  /** Today in Shanghai: the date of a letter written now. */
  today: string;
  /** ID numbers and phones in full only for those who may see them (as on the record's detail). */
  seesPersonalData: boolean;
  /** The record's mediator as people know them; null: none assigned. */
  mediatorName: string | null;
}

/** Events as a stream gives them (type and data; metadata is not needed here). */
export type StreamEvents = ReadonlyArray<{ type: string; data: unknown }>;

const BLANK = '＿＿＿＿＿＿＿＿＿＿';

function text(lang: Locale, zh: string, en: string): string {
  return lang === 'zh' ? zh : en;
}

/** 2026-03-09 → 2026年3月9日 (zh) or 9 March 2026 (en). */
export function documentDate(date: string, lang: Locale): string {
  const [y, m, d] = date.split('-').map(Number);
  if (lang === 'zh') return `${y}年${m}月${d}日`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[m - 1]} ${y}`;
}

function organisation(lang: Locale): string {
  return district().federation[lang];
}

function workerLines(workers: Claimant[], context: DocumentContext): string {
  const shown = context.seesPersonalData ? workers : workers.map(maskClaimant);
  const unknown = text(context.lang, '（未登记）', '(not recorded)');
  return shown
    .map((w, i) =>
      context.lang === 'zh'
        ? `${i + 1}. 姓名：${w.name}；公民身份号码：${w.idNumber ?? unknown}；联系电话：${w.phone ?? unknown}；住址：${BLANK}`
        : `${i + 1}. Name: ${w.name}; resident ID number: ${w.idNumber ?? unknown}; phone: ${w.phone ?? unknown}; address: ${BLANK}`,
    )
    .join('\n');
}

function serviceLines(workers: Claimant[], context: DocumentContext): string {
  const shown = context.seesPersonalData ? workers : workers.map(maskClaimant);
  return shown
    .map((w) =>
      context.lang === 'zh'
        ? `${w.name}：送达地址 ${BLANK}；联系电话 ${w.phone ?? BLANK}`
        : `${w.name}: address for service ${BLANK}; phone ${w.phone ?? BLANK}`,
    )
    .join('\n');
}

function amountValues(fen: number): { amountCapital: string; amountFigures: string } {
  return { amountCapital: capitalAmount(fen), amountFigures: figuresAmount(fen) };
}

function common(context: DocumentContext, kind: DocumentKind): Record<string, string> {
  return {
    title: DOCUMENT_TITLES[kind][context.lang],
    organisation: organisation(context.lang),
    mediatorName: context.mediatorName ?? BLANK,
    blank: BLANK,
    todayText: documentDate(context.today, context.lang),
  };
}

function conflict(message: string): DomainError {
  return new DomainError('conflict', message);
}

// ---- Dispute cases ------------------------------------------------------------------------------

/** The 调解协议书 of a dispute case resolved by an agreement. */
export function disputeAgreementValues(events: StreamEvents, context: DocumentContext): DocumentValues {
  const state = fold(disputeCase, events as DisputeEvent[]);
  if (state.status === 'not_opened') throw new DomainError('not_found', 'No such dispute case');
  const dispute: DisputeCase = state;
  if (dispute.status !== 'resolved' || dispute.outcome !== 'agreement') {
    throw conflict(`${dispute.caseNo} has no mediation agreement: it was not resolved by an agreement (outcome ${dispute.outcome ?? 'none yet'})`);
  }
  // The resolution in force is the last one (a case reopened and resolved again).
  const resolution = [...events].reverse().find((e) => e.type === 'DisputeResolved')!.data as { note: string; resolvedOn: string };
  const lang = context.lang;
  return {
    ...common(context, 'mediation-agreement'),
    documentNo: dispute.caseNo,
    workers: workerLines(dispute.claimants, context),
    employerName: dispute.employer.name,
    employerCreditCode: dispute.employer.creditCode,
    facts: dispute.summary,
    claims: text(
      lang,
      `请求用人单位支付${label('disputeCategories', dispute.category, 'zh')}等款项${capitalAmount(dispute.amountClaimedFen)}（¥${figuresAmount(dispute.amountClaimedFen)}元）。`,
      `Payment of CNY ${figuresAmount(dispute.amountClaimedFen)} (${label('disputeCategories', dispute.category, 'en')}).`,
    ),
    terms: resolution.note.trim() === '' ? BLANK : resolution.note,
    ...amountValues(dispute.amountRecoveredFen),
    performance: resolution.note.trim() === '' ? BLANK : resolution.note,
    copies: String(dispute.claimants.length + 2),
    dateText: documentDate(dispute.resolvedOn as string, lang),
    place: subDistrictName(dispute.subDistrict, lang),
  };
}

// ---- Court-referred mediations ------------------------------------------------------------------

function loadMediation(events: StreamEvents): Mediation {
  const state = fold(mediationDecider, events as MediationEvent[]);
  if (state.status === 'not_referred') throw new DomainError('not_found', 'No such mediation');
  return state;
}

function requireAgreement(mediation: Mediation, title: string): void {
  if (mediation.status !== 'agreed') {
    throw conflict(`mediation ${mediation.courtCaseNo} has no agreement (${mediation.status}): no ${title} before one is reached`);
  }
}

function mediationCommon(mediation: Mediation, context: DocumentContext, kind: RecordDocumentKind): Record<string, string> {
  return {
    ...common(context, kind),
    documentNo: mediation.courtCaseNo,
    court: mediation.court,
    courtCaseNo: mediation.courtCaseNo,
    referredOnText: documentDate(mediation.referredOn, context.lang),
    category: label('disputeCategories', mediation.category, context.lang),
    workers: workerLines(mediation.workers, context),
    workerNames: mediation.workers.map((w) => w.name).join(context.lang === 'zh' ? '、' : ', '),
    employerName: mediation.employer.name,
    employerCreditCode: mediation.employer.creditCode,
    ...amountValues(mediation.amountFen ?? 0),
    claimCapital: capitalAmount(mediation.claimAmountFen),
    claimFigures: figuresAmount(mediation.claimAmountFen),
    place: subDistrictName(mediation.subDistrict, context.lang),
  };
}

export function mediationAgreementValues(events: StreamEvents, context: DocumentContext): DocumentValues {
  const mediation = loadMediation(events);
  requireAgreement(mediation, DOCUMENT_TITLES['mediation-agreement'].zh);
  const lang = context.lang;
  return {
    ...mediationCommon(mediation, context, 'mediation-agreement'),
    facts: text(
      lang,
      `劳动者与用人单位因${label('disputeCategories', mediation.category, 'zh')}发生争议，${mediation.court}于${documentDate(mediation.referredOn, 'zh')}委托本会进行诉前调解（${mediation.courtCaseNo}）。`,
      `The workers and the employer are in dispute over ${label('disputeCategories', mediation.category, 'en')}; ${mediation.court} referred the case (${mediation.courtCaseNo}) for pre-litigation mediation on ${documentDate(mediation.referredOn, 'en')}.`,
    ),
    claims: text(
      lang,
      `请求用人单位支付${capitalAmount(mediation.claimAmountFen)}（¥${figuresAmount(mediation.claimAmountFen)}元）。`,
      `Payment of CNY ${figuresAmount(mediation.claimAmountFen)}.`,
    ),
    terms: mediation.paymentTerms ?? BLANK,
    performance: mediation.paymentTerms ?? BLANK,
    copies: String(mediation.workers.length + 2),
    dateText: documentDate(mediation.agreedOn as string, lang),
  };
}

export function judicialConfirmationValues(events: StreamEvents, context: DocumentContext): DocumentValues {
  const mediation = loadMediation(events);
  requireAgreement(mediation, DOCUMENT_TITLES['judicial-confirmation-application'].zh);
  return {
    ...mediationCommon(mediation, context, 'judicial-confirmation-application'),
    serviceAddresses: serviceLines(mediation.workers, context),
    paymentTerms: mediation.paymentTerms ?? BLANK,
    dateText: documentDate(mediation.agreedOn as string, context.lang),
    deadlineText: documentDate(judicialConfirmationDeadline(mediation) as string, context.lang),
  };
}

export function referralFeedbackValues(events: StreamEvents, context: DocumentContext): DocumentValues {
  const mediation = loadMediation(events);
  const lang = context.lang;
  const sessions = events.filter((e) => e.type === 'MediationSessionHeld').map((e) => e.data as { heldOn: string; form: string; note: string });
  const sessionLines = sessions.map((s, i) =>
    text(lang, `${i + 1}. ${documentDate(s.heldOn, 'zh')}：${s.note}`, `${i + 1}. ${documentDate(s.heldOn, 'en')}: ${s.note}`),
  );
  let outcome: string;
  let disputedPoints: string;
  let closing: string;
  switch (mediation.status) {
    case 'agreed':
      outcome = text(
        lang,
        `调解成功。双方于${documentDate(mediation.agreedOn as string, 'zh')}自愿达成调解协议，用人单位向劳动者支付${capitalAmount(mediation.amountFen ?? 0)}（¥${figuresAmount(mediation.amountFen ?? 0)}元），${mediation.paymentTerms ?? ''}。`,
        `Agreement reached on ${documentDate(mediation.agreedOn as string, 'en')}: the employer pays the workers CNY ${figuresAmount(mediation.amountFen ?? 0)} (${capitalAmount(mediation.amountFen ?? 0)}); ${mediation.paymentTerms ?? ''}.`,
      );
      disputedPoints = text(lang, '无。', 'None.');
      closing = text(
        lang,
        `调解协议书附后。当事人可于${documentDate(judicialConfirmationDeadline(mediation) as string, 'zh')}前共同向贵院申请司法确认。`,
        `The agreement is enclosed. The parties may jointly apply for judicial confirmation by ${documentDate(judicialConfirmationDeadline(mediation) as string, 'en')}.`,
      );
      break;
    case 'failed':
      outcome = text(lang, `调解不成（${documentDate(mediation.failedOn as string, 'zh')}）。`, `No agreement (${documentDate(mediation.failedOn as string, 'en')}).`);
      disputedPoints = mediation.failureReason ?? BLANK;
      closing = text(lang, '现将案件退回贵院，请依法立案审理。', 'The case is returned to the court for filing.');
      break;
    case 'withdrawn':
      outcome = text(lang, `当事人撤回调解申请（${documentDate(mediation.withdrawnOn as string, 'zh')}）。`, `Withdrawn by the parties (${documentDate(mediation.withdrawnOn as string, 'en')}).`);
      disputedPoints = mediation.withdrawalReason ?? text(lang, '无。', 'None.');
      closing = text(lang, '现将案件退回贵院依法处理。', 'The case is returned to the court.');
      break;
    default:
      throw conflict(`mediation ${mediation.courtCaseNo} is still under way (${mediation.status}): the feedback letter is written once it ends`);
  }
  return {
    ...mediationCommon(mediation, context, 'referral-feedback'),
    sessionsHeld: String(sessions.length),
    sessions: sessionLines.length > 0 ? sessionLines.join('\n') : text(lang, '（未记录调解会谈）', '(no sessions recorded)'),
    outcome,
    disputedPoints,
    closing,
    dateText: documentDate(context.today, lang),
  };
}

// ---- Letters to an enterprise -------------------------------------------------------------------

export function letterValues(letter: LetterIssuedData, recordEvents: StreamEvents, context: DocumentContext): DocumentValues {
  const lang = context.lang;
  let recordText: string;
  if (letter.record.kind === 'dispute') {
    const state = fold(disputeCase, recordEvents as DisputeEvent[]);
    const category = state.status === 'not_opened' ? '' : label('disputeCategories', state.category, lang);
    recordText = text(lang, `${letter.record.ref}号${category}劳资纠纷案件`, `dispute case ${letter.record.ref} (${category})`);
  } else {
    const mediation = loadMediation(recordEvents);
    recordText = text(
      lang,
      `${mediation.court}委托调解的${letter.record.ref}${label('disputeCategories', mediation.category, 'zh')}纠纷案件`,
      `the case ${letter.record.ref} (${label('disputeCategories', mediation.category, 'en')}) referred by ${mediation.court}`,
    );
  }
  return {
    ...common(context, letter.kind),
    letterNo: letter.letterNo,
    employerName: letter.employer.name,
    employerCreditCode: letter.employer.creditCode,
    recordText,
    facts: letter.facts,
    requests: letter.requests,
    replyText: letter.replyBy
      ? text(lang, `请你单位于${documentDate(letter.replyBy, 'zh')}前将办理情况书面回复我会。`, `Please answer in writing by ${documentDate(letter.replyBy, 'en')}.`)
      : text(lang, '请你单位自收到本函之日起十五日内将办理情况书面回复我会。', 'Please answer in writing within 15 days of receiving this letter.'),
    dateText: documentDate(letter.issuedOn, lang),
  };
}

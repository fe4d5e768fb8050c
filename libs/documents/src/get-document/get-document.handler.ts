import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK, DomainError, fold, shanghaiDate } from '@lc/decider';
import { EVENT_STORE, EventStore } from '@lc/event-store';
import { seesPersonalData } from '@lc/access';
import {
  disputeAgreementValues,
  DocumentContext,
  DocumentKind,
  DOCUMENT_TITLES,
  judicialConfirmationValues,
  letterValues,
  mediationAgreementValues,
  referralFeedbackValues,
} from '../document-values';
import { DocumentValues } from '../docx';
import { enterpriseLetters, enterpriseLettersStream, LETTER_KINDS, LetterEvent, LetterIssuedData, LetterKind } from '../letters/letter.decider';
import { renderDocument } from '../render';
import { LoadedRecord, RecordStreams } from '../shared/record-streams';
import { GetDocumentQuery } from './get-document.query';

export interface RenderedDocument {
  content: Buffer;
  /** ASCII, for old clients: mediation-agreement-LG-PH-2026-0007.docx. */
  asciiName: string;
  /** As people read it: 调解协议书-LG-PH-2026-0007.docx. */
  localName: string;
}

const isLetter = (kind: DocumentKind): kind is LetterKind => (LETTER_KINDS as readonly string[]).includes(kind);

/** A document of a record, made now from the record's stream (and, for a letter, the enterprise's letters). */
@QueryHandler(GetDocumentQuery)
export class GetDocumentHandler implements IQueryHandler<GetDocumentQuery, RenderedDocument> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly records: RecordStreams,
  ) {}

  async execute({ recordKind, recordId, kind, actor, lang, letterId }: GetDocumentQuery): Promise<RenderedDocument> {
    const record = await this.records.load(recordKind, recordId, actor);
    const context: DocumentContext = {
      lang,
      today: shanghaiDate(this.clock.now()),
      seesPersonalData: seesPersonalData(actor),
      mediatorName: await this.records.accountName(record.mediatorId),
    };
    let values: DocumentValues;
    let ref = record.ref;
    if (isLetter(kind)) {
      const letter = await this.letterOf(record, kind, letterId);
      values = letterValues(letter, record.events, context);
      ref = letter.letterNo;
    } else {
      values = this.recordValues(record, kind, context);
    }
    const content = await renderDocument(kind, lang, values);
    const safeRef = ref.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || record.id;
    return {
      content,
      asciiName: `${kind}-${safeRef}.docx`,
      localName: `${DOCUMENT_TITLES[kind][lang]}-${ref.replace(/[\\/:*?"<>|]/g, '-')}.docx`,
    };
  }

  private recordValues(record: LoadedRecord, kind: DocumentKind, context: DocumentContext): DocumentValues {
    if (record.kind === 'dispute') {
      if (kind !== 'mediation-agreement') {
        throw new DomainError('conflict', `a dispute case has no ${DOCUMENT_TITLES[kind].zh}: it is a document of court-referred mediations`);
      }
      return disputeAgreementValues(record.events, context);
    }
    switch (kind) {
      case 'mediation-agreement':
        return mediationAgreementValues(record.events, context);
      case 'judicial-confirmation-application':
        return judicialConfirmationValues(record.events, context);
      default:
        return referralFeedbackValues(record.events, context);
    }
  }

  private async letterOf(record: LoadedRecord, kind: LetterKind, letterId?: string): Promise<LetterIssuedData> {
    const events = await this.store.readStream(enterpriseLettersStream(record.employer.creditCode));
    const { letters } = fold(enterpriseLetters, events as unknown as LetterEvent[]);
    const issued = letters.filter((l) => l.kind === kind && l.record.kind === record.kind && l.record.id === record.id);
    const letter = letterId === undefined ? issued[issued.length - 1] : issued.find((l) => l.letterId === letterId);
    if (!letter) {
      throw new DomainError(
        'conflict',
        letterId === undefined
          ? `no ${DOCUMENT_TITLES[kind].zh} was issued on ${record.ref}: issue one first (POST .../letters)`
          : `${record.ref} has no ${DOCUMENT_TITLES[kind].zh} ${letterId}`,
      );
    }
    return letter;
  }
}

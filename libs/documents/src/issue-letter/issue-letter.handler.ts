import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@lc/decider';
import { decideAndAppend, deterministicUuid, EVENT_STORE, EventStore } from '@lc/event-store';
import { writeContext } from '@lc/http';
import { domainActor } from '@lc/access';
import { enterpriseLetters, enterpriseLettersStream, LetterEvent, LetterKind, UNNUMBERED } from '../letters/letter.decider';
import { LetterNumberAllocator } from '../letters/letter-number-allocator';
import { RecordStreams } from '../shared/record-streams';
import { IssueLetterCommand } from './issue-letter.command';

export interface IssuedLetter {
  letterId: string;
  kind: LetterKind;
  letterNo: string;
  issuedOn: string;
}

/**
 * A letter sent is an event: who issued it, when, its number. The cited record is read (its scope,
 * its employer), the letter decided on the enterprise's letters, and only a letter the decision
 * accepted gets a number, allocated just before the append: a refused letter leaves no gap.
 */
@CommandHandler(IssueLetterCommand)
export class IssueLetterHandler implements ICommandHandler<IssueLetterCommand, IssuedLetter> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly records: RecordStreams,
    private readonly numbers: LetterNumberAllocator,
  ) {}

  async execute({ recordKind, recordId, input, meta: { actor, idempotencyKey } }: IssueLetterCommand): Promise<IssuedLetter> {
    const record = await this.records.load(recordKind, recordId, actor);
    const context = writeContext(actor, { idempotencyKey });
    // A retried request (same Idempotency-Key) is the same letter, with the same number.
    const letterId = context.idempotencyKey ? deterministicUuid('letter', context.idempotencyKey) : randomUUID();
    const result = await decideAndAppend(
      this.store,
      enterpriseLetters,
      enterpriseLettersStream(record.employer.creditCode),
      {
        type: 'IssueLetter',
        letterId,
        kind: input.kind,
        issuedOn: input.issuedOn,
        replyBy: input.replyBy,
        facts: input.facts,
        requests: input.requests,
        record: { kind: record.kind, id: record.id, ref: record.ref },
        subDistrict: record.subDistrict,
        mediatorId: record.mediatorId,
        employer: record.employer,
        recordStartedOn: record.startedOn,
        now: this.clock.now(),
        actor: domainActor(actor),
      },
      {
        ...context,
        beforeAppend: async (events) => {
          for (const event of events as LetterEvent[]) {
            const year = Number(event.data.issuedOn.slice(0, 4));
            event.data.letterNo = await this.numbers.allocate(event.data.letterId, event.data.kind, year, domainActor(actor));
          }
        },
      },
    );
    const letter = result.state.letters.find((l) => l.letterId === letterId);
    if (!letter || letter.letterNo === UNNUMBERED) throw new Error(`letter ${letterId} was not recorded with a number`);
    return { letterId, kind: letter.kind, letterNo: letter.letterNo, issuedOn: letter.issuedOn };
  }
}

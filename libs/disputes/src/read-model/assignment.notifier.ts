import { Injectable } from '@nestjs/common';
import { fold } from '@lc/decider';
import { RecordedEvent } from '@lc/event-store';
import { interpolate, NotificationDraft, Notifier, RegisterNotifier, StreamHistory } from '@lc/notifications';
import { DISPUTE_STREAM_PREFIX, DisputeEvent, MediatorAssigned, disputeCase } from '../dispute-case/dispute-case.decider';
import messages from '../locales/notifications.json';

/**
 * The mediator a case is given to hears of it, by name. A mediator who took the case themselves
 * (or opened it) is not told what they just did, nor is anyone told of an imported past record.
 */
@Injectable()
@RegisterNotifier()
export class DisputeAssignmentNotifier implements Notifier {
  readonly filter = { streamPrefixes: [DISPUTE_STREAM_PREFIX], eventTypes: ['MediatorAssigned'] };

  async notify(event: RecordedEvent, historyOf: StreamHistory): Promise<NotificationDraft[]> {
    // An imported row's events carry where they came from (`import: { importId, kind, fileHash,
    // row }`, docs/imports.md). They are past records: the assignment is history, not work handed
    // to the mediator today, and telling them of cases closed years ago buries the real notices.
    if (event.metadata.import !== undefined) return [];
    const { mediatorId } = event.data as unknown as MediatorAssigned['data'];
    if (event.metadata.actorId === mediatorId) return [];
    const history = await historyOf(event);
    const state = fold(
      disputeCase,
      history.map((e) => ({ type: e.type, data: e.data }) as DisputeEvent),
    );
    if (state.status === 'not_opened') return [];
    const params = {
      caseNo: state.caseNo,
      employerName: state.employer.name,
      workersInvolved: state.workersInvolved,
      subDistrict: state.subDistrict,
      mediatorId,
      assignedBy: event.metadata.actorId ?? null,
    };
    const template = messages.mediator_assigned;
    return [
      {
        kind: 'mediator_assigned',
        audience: { role: 'mediator', subDistrict: state.subDistrict, accountId: mediatorId },
        subject: { stream: event.streamId, id: state.disputeId },
        title: { zh: interpolate(template.zh, params), en: interpolate(template.en, params) },
        params,
      },
    ];
  }
}

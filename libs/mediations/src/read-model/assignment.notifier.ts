import { Injectable } from '@nestjs/common';
import { fold } from '@lc/decider';
import { RecordedEvent } from '@lc/event-store';
import { interpolate, NotificationDraft, Notifier, RegisterNotifier, StreamHistory } from '@lc/notifications';
import { MEDIATION_STREAM_PREFIX, MediationEvent, MediationMediatorAssigned, mediation } from '../mediation/mediation.decider';
import messages from '../locales/notifications.json';

/**
 * The mediator a mediation is given to hears of it, by name. A mediator who took it themselves
 * (or recorded the referral) is not told what they just did, nor is anyone told of an imported past record.
 */
@Injectable()
@RegisterNotifier()
export class MediationAssignmentNotifier implements Notifier {
  readonly filter = { streamPrefixes: [MEDIATION_STREAM_PREFIX], eventTypes: ['MediationMediatorAssigned'] };

  async notify(event: RecordedEvent, historyOf: StreamHistory): Promise<NotificationDraft[]> {
    // An imported row's events carry where they came from (`import: { importId, kind, fileHash,
    // row }`, docs/imports.md). They are past records: the assignment is history, not work handed
    // to the mediator today, and telling them of cases closed years ago buries the real notices.
    if (event.metadata.import !== undefined) return [];
    const { mediatorId } = event.data as unknown as MediationMediatorAssigned['data'];
    if (event.metadata.actorId === mediatorId) return [];
    const history = await historyOf(event);
    const state = fold(
      mediation,
      history.map((e) => ({ type: e.type, data: e.data }) as MediationEvent),
    );
    if (state.status === 'not_referred') return [];
    const params = {
      courtCaseNo: state.courtCaseNo,
      employerName: state.employer.name,
      subDistrict: state.subDistrict,
      mediatorId,
      assignedBy: event.metadata.actorId ?? null,
    };
    const template = messages.mediator_assigned;
    return [
      {
        kind: 'mediator_assigned',
        audience: { role: 'mediator', subDistrict: state.subDistrict, accountId: mediatorId },
        subject: { stream: event.streamId, id: state.mediationId },
        title: { zh: interpolate(template.zh, params), en: interpolate(template.en, params) },
        params,
      },
    ];
  }
}

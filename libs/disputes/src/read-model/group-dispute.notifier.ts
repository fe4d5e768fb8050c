import { Injectable } from '@nestjs/common';
import { fold } from '@lc/decider';
import { RecordedEvent } from '@lc/event-store';
import { interpolate, NotificationDraft, Notifier, RegisterNotifier, StreamHistory } from '@lc/notifications';
import { DISPUTE_STREAM_PREFIX, DisputeEvent, GroupDisputeFlagged, disputeCase } from '../dispute-case/dispute-case.decider';
import messages from '../locales/notifications.json';

/** A group dispute (30 or more workers) is escalated to the supervisors of its sub-district at once. */
@Injectable()
@RegisterNotifier()
export class GroupDisputeNotifier implements Notifier {
  readonly filter = { streamPrefixes: [DISPUTE_STREAM_PREFIX], eventTypes: ['GroupDisputeFlagged'] };

  async notify(event: RecordedEvent, historyOf: StreamHistory): Promise<NotificationDraft[]> {
    // An imported row's flag is history (a past year's group dispute), not an escalation to act on
    // today; its events carry `import` in their metadata (docs/imports.md).
    if (event.metadata.import !== undefined) return [];
    // The case as it stood at the flag: its history up to this event never changes.
    const history = await historyOf(event);
    const state = fold(
      disputeCase,
      history.map((e) => ({ type: e.type, data: e.data }) as DisputeEvent),
    );
    if (state.status === 'not_opened') return [];
    const params = {
      caseNo: state.caseNo,
      employerName: state.employer.name,
      workersInvolved: (event.data as GroupDisputeFlagged['data']).workersInvolved,
      subDistrict: state.subDistrict,
    };
    const template = messages.group_dispute_flagged;
    return [
      {
        kind: 'group_dispute_flagged',
        audience: { role: 'supervisor', subDistrict: state.subDistrict },
        subject: { stream: event.streamId, id: state.disputeId },
        title: { zh: interpolate(template.zh, params), en: interpolate(template.en, params) },
        params,
      },
    ];
  }
}

import { Injectable } from '@nestjs/common';
import { RecordedEvent } from '@lc/event-store';
import { interpolate, NotificationDraft, NotificationParams, NotificationWithdrawal, Notifier, RegisterNotifier, StreamHistory } from '@lc/notifications';
import { ClockEventData, ClockKind, DEADLINE_REACHED, deriveClocks, recordReference, REMINDER_DUE, withdrawnDeadlines } from './clock-rules';
import messages from './locales/notifications.json';

/** The events that may show, on the record's own dates, that a noted deadline was met. */
const COMPLETIONS = [
  'DisputeResolved',
  'MediationAgreementReached',
  'MediationFailed',
  'MediationWithdrawn',
  'MediationExtended',
  'JudicialConfirmationApplied',
];

/**
 * A mediator hears, by name, of their own clocks: a reminder that a deadline is near (ReminderDue)
 * and that it passed with the work not done (DeadlineReached). A clock nobody is assigned to
 * reaches nobody this way: it shows in the supervisors' overdue list.
 *
 * When the record's own dates later show a noted deadline was met (a back-dated resolution before
 * the last day, an extension), the clock_overdue of that deadline is withdrawn (withdrawnDeadlines).
 */
@Injectable()
@RegisterNotifier()
export class ClockNotifier implements Notifier {
  readonly filter = { streamPrefixes: ['dispute-', 'mediation-'], eventTypes: [REMINDER_DUE, DEADLINE_REACHED, ...COMPLETIONS] };

  async withdraw(event: RecordedEvent, historyOf: StreamHistory): Promise<NotificationWithdrawal[]> {
    if (!COMPLETIONS.includes(event.type)) return [];
    const history = (await historyOf(event)).map((e) => ({ type: e.type, data: e.data }));
    return withdrawnDeadlines(event.streamId, history).map((mark) => ({
      kind: 'clock_overdue',
      subjectStream: event.streamId,
      params: { clock: mark.clock, deadlineAt: mark.deadlineAt },
    }));
  }

  async notify(event: RecordedEvent, historyOf: StreamHistory): Promise<NotificationDraft[]> {
    if (event.type !== REMINDER_DUE && event.type !== DEADLINE_REACHED) return [];
    const data = event.data as unknown as ClockEventData;
    // The record as it stood then: a rebuild raises the same notification for the same mediator.
    const history = (await historyOf(event)).map((e) => ({ type: e.type, data: e.data }));
    const clock = deriveClocks(event.streamId, history).find((c) => c.kind === data.clock);
    const record = recordReference(history);
    if (!clock?.assignedTo || !record?.reference) return [];
    const kind = event.type === REMINDER_DUE ? 'clock_due_soon' : 'clock_overdue';
    const params: NotificationParams = {
      clock: data.clock,
      clockId: clock.clockId,
      reference: record.reference,
      employerName: record.employerName,
      lastDay: data.lastDay,
      deadlineAt: data.deadlineAt,
      subDistrict: clock.subDistrict,
    };
    const labels = messages.clock_kinds[data.clock as ClockKind];
    const template = messages[kind];
    return [
      {
        kind,
        audience: { role: 'mediator', subDistrict: clock.subDistrict, accountId: clock.assignedTo },
        subject: { stream: event.streamId, id: clock.subjectId },
        title: {
          zh: interpolate(template.zh, { ...params, clockLabel: labels?.zh ?? data.clock }),
          en: interpolate(template.en, { ...params, clockLabel: labels?.en ?? data.clock }),
        },
        params,
      },
    ];
  }
}

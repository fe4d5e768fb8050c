import { Injectable } from '@nestjs/common';
import { fold } from '@lc/decider';
import { RecordedEvent } from '@lc/event-store';
import { interpolate, NotificationDraft, NotificationParams, Notifier, RegisterNotifier, StreamHistory } from '@lc/notifications';
import { Locale, label, subDistrictName } from '@lc/reference-data';
import { ALERT_STREAM_PREFIX, AlertEscalated, AlertEvent, AlertGraded, alert } from '../alert/alert.decider';
import messages from '../locales/notifications.json';

/** "2026-03-10 12:00", China Standard Time: how supervisors read a deadline. */
function shanghaiMinute(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Supervisors of the alert's sub-district hear of a red alert as soon as it is graded, and of
 * every escalation: by hand, or by the clocks when nobody picked the alert up in time. Its
 * mediators, who pick alerts up, hear of every red or yellow alert routed to the sub-district.
 */
@Injectable()
@RegisterNotifier()
export class AlertNotifier implements Notifier {
  readonly filter = { streamPrefixes: [ALERT_STREAM_PREFIX], eventTypes: ['AlertGraded', 'AlertEscalated'] };

  async notify(event: RecordedEvent, historyOf: StreamHistory): Promise<NotificationDraft[]> {
    // The alert as it stood at this event: its history up to here never changes, so a rebuild says the same.
    const history = await historyOf(event);
    const state = fold(
      alert,
      history.map((e) => ({ type: e.type, data: e.data }) as AlertEvent),
    );
    if (state.status === 'not_submitted' || state.grade === null) return [];

    const params: NotificationParams = {
      alertId: state.alertId,
      enterpriseName: state.enterprise.name,
      creditCode: state.enterprise.creditCode,
      subDistrict: state.subDistrict,
      grade: state.grade,
      points: state.points,
      workersAffected: state.workersAffected,
      pickupDeadlineAt: state.pickupDeadlineAt,
    };
    const grade = state.grade;
    const render = (template: { zh: string; en: string }, locale: Locale) =>
      interpolate(template[locale], {
        ...params,
        subDistrictName: subDistrictName(state.subDistrict, locale),
        gradeLabel: label('alertGrades', grade, locale),
        pickupDeadline: state.pickupDeadlineAt ? shanghaiMinute(state.pickupDeadlineAt) : '',
      });
    const draft = (kind: string, role: 'supervisor' | 'mediator', template: { zh: string; en: string }): NotificationDraft => ({
      kind,
      audience: { role, subDistrict: state.subDistrict },
      subject: { stream: event.streamId, id: state.alertId },
      title: { zh: render(template, 'zh'), en: render(template, 'en') },
      params,
    });

    if (event.type === 'AlertGraded') {
      const graded = (event.data as unknown as AlertGraded['data']).grade;
      // The mediators of the sub-district work its alerts: red and yellow ones have a pick-up deadline.
      const drafts = graded === 'green' ? [] : [draft('alert_routed', 'mediator', messages.alert_routed)];
      if (graded === 'red') drafts.unshift(draft('red_alert', 'supervisor', messages.red_alert));
      return drafts;
    }
    const reason = (event.data as unknown as AlertEscalated['data']).reason;
    params.reason = reason;
    return [
      draft('alert_escalated', 'supervisor', reason === 'manual' ? messages.alert_escalated_manual : messages.alert_escalated_not_acknowledged_in_time),
    ];
  }
}

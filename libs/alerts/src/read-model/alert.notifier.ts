import { Inject, Injectable } from '@nestjs/common';
import { fold } from '@lc/decider';
import { EVENT_STORE, EventStore, RecordedEvent } from '@lc/event-store';
import { interpolate, NotificationDraft, NotificationParams, Notifier, RegisterNotifier } from '@lc/notifications';
import { Locale, label, subDistrictName } from '@lc/reference-data';
import { ALERT_STREAM_PREFIX, AlertEscalated, AlertEvent, AlertGraded, alert } from '../alert/alert.decider';
import messages from '../locales/notifications.json';

/** "2026-03-10 12:00", China Standard Time: how supervisors read a deadline. */
function shanghaiMinute(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Supervisors of the alert's sub-district hear of a red alert as soon as it is graded, and of
 * every escalation: by hand, or by the clocks when nobody picked the alert up in time.
 */
@Injectable()
@RegisterNotifier()
export class AlertNotifier implements Notifier {
  readonly filter = { streamPrefixes: [ALERT_STREAM_PREFIX], eventTypes: ['AlertGraded', 'AlertEscalated'] };

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async notify(event: RecordedEvent): Promise<NotificationDraft[]> {
    // The alert as it stood at this event: its history up to here never changes, so a rebuild says the same.
    const history = await this.store.readStream(event.streamId, { maxCount: event.streamVersion });
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
    let kind: string;
    let template: { zh: string; en: string };
    if (event.type === 'AlertGraded') {
      if ((event.data as unknown as AlertGraded['data']).grade !== 'red') return [];
      kind = 'red_alert';
      template = messages.red_alert;
    } else {
      const reason = (event.data as unknown as AlertEscalated['data']).reason;
      kind = 'alert_escalated';
      params.reason = reason;
      template = reason === 'manual' ? messages.alert_escalated_manual : messages.alert_escalated_not_acknowledged_in_time;
    }
    const grade = state.grade;
    const render = (locale: Locale) =>
      interpolate(template[locale], {
        ...params,
        subDistrictName: subDistrictName(state.subDistrict, locale),
        gradeLabel: label('alertGrades', grade, locale),
        pickupDeadline: state.pickupDeadlineAt ? shanghaiMinute(state.pickupDeadlineAt) : '',
      });
    return [
      {
        kind,
        audience: { role: 'supervisor', subDistrict: state.subDistrict },
        subject: { stream: event.streamId, id: state.alertId },
        title: { zh: render('zh'), en: render('en') },
        params,
      },
    ];
  }
}

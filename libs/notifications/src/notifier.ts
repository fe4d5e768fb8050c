import { SetMetadata } from '@nestjs/common';
import { EventFilter, RecordedEvent } from '@lc/event-store';
import { Role } from '@lc/access';
import { Localized, PLACEHOLDER, placeholderText } from '@lc/reference-data';
import { NotificationParams } from './notification.entity';

/** A notification as a notifier raises it; the projection adds its id and time from the event. */
export interface NotificationDraft {
  kind: string;
  /**
   * Who should see it: a role, in one sub-district or (null) in the whole district; with
   * accountId, that one person only (who must hold the role).
   */
  audience: { role: Role; subDistrict: string | null; accountId?: string };
  /** The record it is about. */
  subject: { stream: string; id: string };
  title: Localized;
  params: NotificationParams;
}

/**
 * A notification that no longer states a fact: the record's own later dates showed it was never so
 * (a clock_overdue of a deadline a back-dated resolution met). It is removed from its audience's
 * notifications; matched by kind, the record, and these params (all of them equal).
 */
export interface NotificationWithdrawal {
  kind: string;
  subjectStream: string;
  params: NotificationParams;
}

/**
 * Decides which events raise notifications. Each context contributes its own (disputes: group
 * disputes; alerts: escalations) as a provider marked @RegisterNotifier() in a module the worker
 * loads; the one notifications projection finds them all.
 *
 * notify() runs inside the projection and again on every rebuild: it must depend on the event and
 * on the history before it only (`history` gives it; other read models may be ahead or behind).
 */
export interface Notifier {
  readonly filter: EventFilter;
  notify(event: RecordedEvent, history: StreamHistory): Promise<NotificationDraft[]>;
  /** The notifications an event withdraws (optional; the same rules as notify: event and history only). */
  withdraw?(event: RecordedEvent, history: StreamHistory): Promise<NotificationWithdrawal[]>;
}

/**
 * The event's stream from its first event up to and including the event, as the event store holds
 * it. The projection reads the streams of a whole batch in one go and answers from them.
 */
export type StreamHistory = (event: RecordedEvent) => Promise<RecordedEvent[]>;

export const NOTIFIER = 'labour-cases:notifier';

export const RegisterNotifier = (): ClassDecorator => SetMetadata(NOTIFIER, true);

/**
 * interpolate('{caseNo} opened', { caseNo: 'LG-PH-2026-0001' }) → 'LG-PH-2026-0001 opened';
 * '{n:worker|workers}' → '1 worker', '35 workers'. An unknown placeholder stays visible.
 */
export function interpolate(template: string, params: NotificationParams): string {
  return template.replace(PLACEHOLDER, (whole, name: string, one?: string, other?: string) =>
    name in params ? placeholderText(params[name], one, other) : whole,
  );
}

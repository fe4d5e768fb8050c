import { SetMetadata } from '@nestjs/common';
import { EventFilter, RecordedEvent } from '@lc/event-store';
import { AccessRole } from '@lc/http';
import { Localized, PLACEHOLDER, placeholderText } from '@lc/reference-data';
import { NotificationParams } from './notification.entity';

/** A notification as a notifier raises it; the projection adds its id and time from the event. */
export interface NotificationDraft {
  kind: string;
  /**
   * Who should see it: a role, in one sub-district or (null) in the whole district; with
   * accountId, that one person only (who must hold the role).
   */
  audience: { role: AccessRole; subDistrict: string | null; accountId?: string };
  /** The record it is about. */
  subject: { stream: string; id: string };
  title: Localized;
  params: NotificationParams;
}

/**
 * Decides which events raise notifications. Each context contributes its own (disputes: group
 * disputes; alerts: escalations) as a provider marked @RegisterNotifier() in a module the worker
 * loads; the one notifications projection finds them all.
 *
 * notify() runs inside the projection and again on every rebuild: it must depend on the event and
 * on the history before it only (the event store is fine to read, other read models are not, as
 * they may be ahead or behind).
 */
export interface Notifier {
  readonly filter: EventFilter;
  notify(event: RecordedEvent): Promise<NotificationDraft[]>;
}

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

import { Injectable } from '@nestjs/common';
import { RecordedEvent } from '@lc/event-store';
import { Role } from '@lc/access';
import { interpolate, NotificationDraft, NotificationParams, Notifier, RegisterNotifier } from '@lc/notifications';
import messages from '../locales/notifications.json';
import { LoginGuardEvent } from './login-guard.decider';

/** '2026-12-01T08:15:00.000Z' → '2026-12-01 16:15' (China Standard Time, which has no DST). */
const chinaTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The administrators hear of every lockout and slowdown (someone may be guessing passwords), so
 * they can look into it and, if it was the owner, release the lock (DELETE /users/{id}/login-locks);
 * the account's owner hears of it by name, so that they know someone is trying their password.
 */
@Injectable()
@RegisterNotifier()
export class LoginGuardNotifier implements Notifier {
  readonly filter = { streamPrefixes: ['login-guard-'], eventTypes: ['LoginLockedOut', 'LoginSlowedDown'] };

  async notify(recorded: RecordedEvent): Promise<NotificationDraft[]> {
    const event = { type: recorded.type, data: recorded.data } as LoginGuardEvent;
    if (event.type === 'LoginLocksReleased') return [];
    const kind = event.type === 'LoginLockedOut' ? 'login_locked_out' : 'login_slowed_down';
    const params: NotificationParams =
      event.type === 'LoginLockedOut'
        ? {
            username: event.data.username,
            address: event.data.address,
            failures: event.data.failures,
            lockedUntil: chinaTime(event.data.lockedUntil),
          }
        : { username: event.data.username, failures: event.data.failures };
    const template = messages[kind];
    const draft = (audience: NotificationDraft['audience']): NotificationDraft => ({
      kind,
      audience,
      subject: { stream: `account-${event.data.accountId}`, id: event.data.accountId },
      title: { zh: interpolate(template.zh, params), en: interpolate(template.en, params) },
      params,
    });
    const drafts = [draft({ role: 'admin', subDistrict: null })];
    // The owner too, by name (an admin owner sees the administrators' one already).
    if (event.data.role !== 'admin') {
      drafts.push(draft({ role: event.data.role as Role, subDistrict: event.data.subDistrict, accountId: event.data.accountId }));
    }
    return drafts;
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RecordedEvent } from '@lc/event-store';
import { Projection, RegisterProjection } from '@lc/projections';
import { AccountEvent } from '../account/account.decider';
import { AccountView } from './account.entity';

@Injectable()
@RegisterProjection()
export class AccountsProjection implements Projection {
  readonly name = 'accounts';
  readonly filter = { streamPrefixes: ['account-'] };
  readonly tables = ['accounts'];

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const repo = tx.getRepository(AccountView);
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as AccountEvent;
      const id = recorded.streamId.slice('account-'.length);
      const touched = { updatedAt: recorded.recordedAt, version: recorded.streamVersion };
      switch (event.type) {
        case 'AccountCreated':
          await repo.insert({
            id,
            username: event.data.username,
            role: event.data.role,
            subDistrict: event.data.subDistrict,
            displayName: event.data.displayName,
            active: true,
            createdAt: recorded.recordedAt,
            ...touched,
          });
          break;
        case 'AccountRoleChanged':
          await repo.update(id, { role: event.data.role, subDistrict: event.data.subDistrict, ...touched });
          break;
        case 'AccountRenamed':
          await repo.update(id, { displayName: event.data.displayName, ...touched });
          break;
        case 'AccountDeactivated':
          await repo.update(id, { active: false, ...touched });
          break;
        case 'AccountReactivated':
          await repo.update(id, { active: true, ...touched });
          break;
        case 'AccountPasswordChanged':
          await repo.update(id, touched);
          break;
      }
    }
  }
}

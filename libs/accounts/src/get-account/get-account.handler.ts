import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@lc/decider';
import { EVENT_STORE, EventStore, loadState } from '@lc/event-store';
import { accountDecider, AccountState, accountStream } from '../account/account.decider';
import { GetAccountQuery } from './get-account.query';

export type AccountView = { id: string } & Pick<AccountState, 'username' | 'role' | 'subDistrict' | 'displayName' | 'active'> & {
  /** The account stream's version: its ETag. */
  version: number;
};

@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery, AccountView> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ accountId }: GetAccountQuery): Promise<AccountView> {
    const { state, version } = await loadState(this.store, accountDecider, accountStream(accountId));
    if (!state.exists) throw new DomainError('not_found', 'No such account');
    return {
      id: accountId,
      username: state.username,
      role: state.role,
      subDistrict: state.subDistrict,
      displayName: state.displayName,
      active: state.active,
      version,
    };
  }
}

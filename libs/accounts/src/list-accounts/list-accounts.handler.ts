import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { applySort, containsPattern, Page, pageOf } from '@lc/http';
import { AccountView } from '../users/account.entity';
import { ACCOUNT_SORT_COLUMNS, ListAccountsQuery } from './list-accounts.query';

@QueryHandler(ListAccountsQuery)
export class ListAccountsHandler implements IQueryHandler<ListAccountsQuery, Page<AccountView>> {
  constructor(@InjectRepository(AccountView) private readonly accounts: Repository<AccountView>) {}

  async execute({ filter }: ListAccountsQuery): Promise<Page<AccountView>> {
    const query = applySort(this.accounts.createQueryBuilder('a'), filter.sort, ACCOUNT_SORT_COLUMNS, 'a.id');
    if (filter.role) query.andWhere('a.role = :role', { role: filter.role });
    if (filter.subDistrict) query.andWhere('a.sub_district = :subDistrict', { subDistrict: filter.subDistrict });
    if (filter.active !== undefined) query.andWhere('a.active = :active', { active: filter.active });
    if (filter.q) {
      query.andWhere('(a.username ILIKE :like OR a.display_name ILIKE :like)', { like: containsPattern(filter.q) });
    }
    return pageOf(query, filter, (account) => account);
  }
}

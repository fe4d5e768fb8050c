import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '@lc/decider';
import { containsPattern, Page } from '@lc/http';
import { requireSubDistrictInScope } from '@lc/access';
import { MEDIATOR_SORT_COLUMNS } from './list-mediators.schema';
import { MediatorItem } from '../workload.schemas';
import { ListMediatorsQuery } from './list-mediators.query';

interface Row {
  id: string;
  username: string;
  display_name: string | null;
  sub_district: string;
  active: boolean;
  open_cases: number;
  open_mediations: number;
  clocks_overdue: number;
  clocks_due_soon: number;
  total: number;
}

/**
 * The mediators a caller may hand work to (or, for a mediator, their colleagues), each with their
 * workload from the read models: a supervisor of the district sees all, of a sub-district its
 * own; a mediator those of their sub-district. By sub-district, then name.
 */
@QueryHandler(ListMediatorsQuery)
export class ListMediatorsHandler implements IQueryHandler<ListMediatorsQuery, Page<MediatorItem>> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filter, actor }: ListMediatorsQuery): Promise<Page<MediatorItem>> {
    // The one rule of every list: asking for a sub-district outside one's scope is a 403.
    requireSubDistrictInScope(actor, filter.subDistrict);
    const where = [`a.role = 'mediator'`];
    const values: unknown[] = [this.clock.now()];
    const bind = (value: unknown) => `$${values.push(value)}`;
    // A supervisor of the district and an admin see every sub-district; others only their own.
    if (actor.role !== 'admin' && actor.subDistrict !== null) where.push(`a.sub_district = ${bind(actor.subDistrict)}`);
    if (filter.subDistrict) where.push(`a.sub_district = ${bind(filter.subDistrict)}`);
    if (filter.active !== 'all') where.push(`a.active = ${bind(filter.active === 'true')}`);
    if (filter.q) where.push(`(a.username ILIKE ${bind(containsPattern(filter.q))} OR a.display_name ILIKE $${values.length})`);
    const limit = bind(filter.pageSize);
    const offset = bind((filter.page - 1) * filter.pageSize);
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.username, a.display_name, a.sub_district, a.active, count(*) OVER ()::int AS total,
              (SELECT count(*)::int FROM dispute_cases d WHERE d.mediator_id = a.id::text AND d.status = 'open') AS open_cases,
              (SELECT count(*)::int FROM mediations m WHERE m.mediator_id = a.id::text AND m.status IN ('referred', 'in_progress')) AS open_mediations,
              (SELECT count(*)::int FROM clocks c WHERE c.assigned_to = a.id AND c.running AND c.deadline_at <= $1) AS clocks_overdue,
              (SELECT count(*)::int FROM clocks c WHERE c.assigned_to = a.id AND c.running AND c.deadline_at > $1 AND c.remind_at <= $1) AS clocks_due_soon
         FROM accounts a
        WHERE ${where.join(' AND ')}
        ORDER BY ${filter.sort.map((s) => `${MEDIATOR_SORT_COLUMNS[s.key as keyof typeof MEDIATOR_SORT_COLUMNS]} ${s.descending ? 'DESC' : 'ASC'}`).join(', ')}, a.id
        LIMIT ${limit} OFFSET ${offset}`,
      values,
    )) as Row[];
    // Past the last page the window has no row to count on: count on its own.
    const total = rows.length ? rows[0].total : filter.page === 1 ? 0 : await this.count(where, values.slice(0, values.length - 2));
    return {
      items: rows.map((r) => ({
        id: r.id,
        username: r.username,
        displayName: r.display_name ?? r.username,
        subDistrict: r.sub_district,
        active: r.active,
        workload: {
          openCases: r.open_cases,
          openMediations: r.open_mediations,
          clocksOverdue: r.clocks_overdue,
          clocksDueSoon: r.clocks_due_soon,
        },
      })),
      page: filter.page,
      pageSize: filter.pageSize,
      total,
    };
  }

  private async count(where: string[], values: unknown[]): Promise<number> {
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM accounts a WHERE ${where.join(' AND ')} AND $1::timestamptz IS NOT NULL`, values)) as Array<{ n: number }>;
    return n;
  }
}

import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { applySort, Page, pageOf } from '@lc/http';
import type { AlertGrade } from '@lc/reference-data';
import type { AlertLocation, AlertStatus } from '../alert/alert.decider';
import type { InformantAlertView } from '../get-alert/informant-view';
import { AlertView } from '../read-model/alert.view';
import { ListMyAlertsQuery } from './list-alerts.query';
import { MY_ALERT_SORT_COLUMNS } from './list-alerts.schema';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** An informant's own alerts and where each stands, newest first; nobody else's, and none of the desk's workings. */
@QueryHandler(ListMyAlertsQuery)
export class ListMyAlertsHandler implements IQueryHandler<ListMyAlertsQuery, Page<InformantAlertView>> {
  constructor(@InjectRepository(AlertView) private readonly alerts: Repository<AlertView>) {}

  async execute({ filter, actor }: ListMyAlertsQuery): Promise<Page<InformantAlertView>> {
    const query = applySort(this.alerts.createQueryBuilder('a'), filter.sort, MY_ALERT_SORT_COLUMNS, 'a.id').where('a.informant_id = :me', {
      me: actor.id,
    });
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    return pageOf(query, filter, (a) => ({
      id: a.id,
      status: a.status as AlertStatus,
      grade: a.grade as AlertGrade | null,
      enterprise: { name: a.enterpriseName, creditCode: a.enterpriseCreditCode },
      subDistrict: a.subDistrict,
      signals: a.signals,
      workersAffected: a.workersAffected,
      description: a.description,
      observedAt: a.observedAt.toISOString(),
      location: a.location as AlertLocation | null,
      submittedAt: a.submittedAt.toISOString(),
      acknowledgedAt: iso(a.acknowledgedAt),
      verifiedAt: iso(a.verifiedAt),
      dismissedAt: iso(a.dismissedAt),
      dismissalReason: a.dismissalReason,
      convertedAt: iso(a.convertedAt),
      version: a.version,
    }));
  }
}

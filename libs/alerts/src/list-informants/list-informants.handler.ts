import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { applySort, containsPattern, Page, restrictToScope } from '@lc/http';
import { requireSubDistrictInScope } from '@lc/access';
import { PersonalDataProtection } from '@lc/personal-data';
import { InformantActivityView, InformantView } from '../read-model/informant.view';
import { ListInformantsQuery } from './list-informants.query';
import { INFORMANT_SORT_COLUMNS } from './list-informants.schema';

export interface InformantListItem {
  id: string;
  name: string;
  /** Masked; the informant's detail shows it whole. */
  phone: string;
  /** Whose personal data this is (GET /api/v1/persons/{personId}, its erasure). */
  personId: string | null;
  subDistrict: string;
  enterprises: string[];
  enterpriseCount: number;
  active: boolean;
  deactivationReason: string | null;
  alertsSubmitted: number;
  lastAlertAt: Date | null;
  registeredAt: Date;
  version: number;
}

interface Row {
  id: string;
  name: string;
  phone: string;
  person_id: string | null;
  sub_district: string;
  enterprises: string[];
  enterprise_count: number;
  active: boolean;
  deactivation_reason: string | null;
  alerts_submitted: number | null;
  last_alert_at: Date | null;
  registered_at: Date;
  version: number;
}

/** The registry by sub-district and name, with what each informant has reported, from the projection. */
@QueryHandler(ListInformantsQuery)
export class ListInformantsHandler implements IQueryHandler<ListInformantsQuery, Page<InformantListItem>> {
  constructor(
    @InjectRepository(InformantView) private readonly informants: Repository<InformantView>,
    private readonly personalData: PersonalDataProtection,
  ) {}

  async execute({ filter, actor }: ListInformantsQuery): Promise<Page<InformantListItem>> {
    requireSubDistrictInScope(actor, filter.subDistrict);
    const query = this.informants.createQueryBuilder('i').leftJoin(InformantActivityView, 'act', 'act.informant_id = i.id');
    restrictToScope(query, actor, { subDistrict: 'i.sub_district' });
    if (filter.subDistrict) query.andWhere('i.sub_district = :subDistrict', { subDistrict: filter.subDistrict });
    if (filter.active !== undefined) query.andWhere('i.active = :active', { active: filter.active });
    if (filter.creditCode) query.andWhere(':creditCode = ANY (i.enterprises)', { creditCode: filter.creditCode });
    if (filter.reported !== undefined) query.andWhere(filter.reported ? 'act.informant_id IS NOT NULL' : 'act.informant_id IS NULL');
    if (filter.q) {
      // The list keeps phones masked: a whole phone number is found through the persons' keyed lookups.
      const persons = /\d{7,}/.test(filter.q) ? await this.personalData.personsMatching({ phone: filter.q }) : [];
      query.andWhere('(i.name ILIKE :q OR i.phone ILIKE :q OR i.person_id = ANY (CAST(:persons AS uuid[])))', { q: containsPattern(filter.q), persons });
    }
    const total = await query.getCount();
    const rows = await applySort(query, filter.sort, INFORMANT_SORT_COLUMNS, 'i.id')
      .select([
        'i.id AS id',
        'i.name AS name',
        'i.phone AS phone',
        'i.person_id AS person_id',
        'i.sub_district AS sub_district',
        'i.enterprises AS enterprises',
        'i.enterprise_count AS enterprise_count',
        'i.active AS active',
        'i.deactivation_reason AS deactivation_reason',
        'act.alerts_submitted AS alerts_submitted',
        'act.last_alert_at AS last_alert_at',
        'i.registered_at AS registered_at',
        'i.version AS version',
      ])
      .offset((filter.page - 1) * filter.pageSize)
      .limit(filter.pageSize)
      .getRawMany<Row>();
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        phone: r.phone,
        personId: r.person_id,
        subDistrict: r.sub_district,
        enterprises: r.enterprises,
        enterpriseCount: r.enterprise_count,
        active: r.active,
        deactivationReason: r.deactivation_reason,
        alertsSubmitted: r.alerts_submitted ?? 0,
        lastAlertAt: r.last_alert_at,
        registeredAt: r.registered_at,
        version: r.version,
      })),
      page: filter.page,
      pageSize: filter.pageSize,
      total,
    };
  }
}

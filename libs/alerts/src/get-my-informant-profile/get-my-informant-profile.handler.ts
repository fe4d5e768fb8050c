import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@lc/decider';
import { EVENT_STORE, EventStore, loadState } from '@lc/event-store';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AlertView } from '../read-model/alert.view';
import { informant, informantStreamId } from '../informant/informant.decider';
import { GetMyInformantProfileQuery } from './get-my-informant-profile.query';

export interface MyInformantProfile {
  id: string;
  name: string;
  subDistrict: string;
  status: 'active' | 'deactivated';
  /**
   * The enterprises the informant covers, in the registry's order. The registry keeps credit codes
   * only; the name is the one the enterprise was last reported under in the informant's
   * sub-district, or null when nobody has reported it yet (the page then asks for it).
   */
  enterprises: Array<{ creditCode: string; name: string | null }>;
  version: number;
}

@QueryHandler(GetMyInformantProfileQuery)
export class GetMyInformantProfileHandler implements IQueryHandler<GetMyInformantProfileQuery, MyInformantProfile> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectRepository(AlertView) private readonly alerts: Repository<AlertView>,
  ) {}

  async execute({ actor }: GetMyInformantProfileQuery): Promise<MyInformantProfile> {
    // Their own entry, by their own id: the registry's scope rules are for those who manage it.
    const { state, version } = await loadState(this.store, informant, informantStreamId(actor.id));
    // An informant account made without the registry (POST /users with role informant) has no entry.
    if (state.status === 'not_registered') throw new DomainError('not_found', 'This account is not in the informant registry');
    const record = state;
    const codes = record.enterprises;
    const rows = codes.length
      ? await this.alerts.find({
          select: { enterpriseCreditCode: true, enterpriseName: true, submittedAt: true },
          where: { enterpriseCreditCode: In(codes), subDistrict: record.subDistrict },
          order: { submittedAt: 'DESC' },
        })
      : [];
    const names = new Map<string, string>();
    for (const row of rows) if (!names.has(row.enterpriseCreditCode)) names.set(row.enterpriseCreditCode, row.enterpriseName);
    return {
      id: record.informantId,
      name: record.name,
      subDistrict: record.subDistrict,
      status: record.status,
      enterprises: codes.map((creditCode) => ({ creditCode, name: names.get(creditCode) ?? null })),
      version,
    };
  }
}

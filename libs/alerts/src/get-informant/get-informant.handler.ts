import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Informant } from '../informant/informant.decider';
import { InformantStreams } from '../shared/informant-streams';
import { GetInformantQuery } from './get-informant.query';

export type InformantDetail = Omit<Informant, 'informantId'> & {
  id: string;
  /** Whose personal data name and phone are (GET /api/v1/persons/{personId}); erased: they read 已删除. */
  personId: string | null;
  erased: boolean;
  version: number;
};

/** The registry entry as its stream says now. */
@QueryHandler(GetInformantQuery)
export class GetInformantHandler implements IQueryHandler<GetInformantQuery, InformantDetail> {
  constructor(private readonly informants: InformantStreams) {}

  async execute({ informantId, actor }: GetInformantQuery): Promise<InformantDetail> {
    const { record, version, events } = await this.informants.load(informantId, actor);
    const { informantId: id, ...rest } = record;
    // The person is named by the registration as stored (the protection adds personId), not by the domain state.
    const registered = events.find((e) => e.type === 'InformantRegistered')?.data as { personId?: string; erased?: boolean } | undefined;
    return { id, ...rest, personId: registered?.personId ?? null, erased: registered?.erased === true, version };
  }
}

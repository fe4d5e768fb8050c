import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Informant } from '../informant/informant.decider';
import { InformantStreams } from '../shared/informant-streams';
import { GetInformantQuery } from './get-informant.query';

export type InformantDetail = Omit<Informant, 'informantId'> & { id: string; version: number };

/** The registry entry as its stream says now. */
@QueryHandler(GetInformantQuery)
export class GetInformantHandler implements IQueryHandler<GetInformantQuery, InformantDetail> {
  constructor(private readonly informants: InformantStreams) {}

  async execute({ informantId, actor }: GetInformantQuery): Promise<InformantDetail> {
    const { record, version } = await this.informants.load(informantId, actor);
    const { informantId: id, ...rest } = record;
    return { id, ...rest, version };
  }
}

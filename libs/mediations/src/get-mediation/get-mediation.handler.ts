import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Mediation, judicialConfirmationDeadline, mediationDeadline } from '../mediation/mediation.decider';
import { seesPersonalData } from '@lc/access';
import { MediationDocumentKind, mediationDocumentKinds } from '../mediation/documents';
import { MediationStreams } from '../shared/mediation-streams';
import { maskWorker } from '../shared/personal-data';
import { GetMediationQuery } from './get-mediation.query';

export type MediationDetail = Omit<Mediation, 'mediationId'> & {
  id: string;
  /** The last day of the mediation period (referral + 30 days + the extension). */
  deadlineOn: string;
  /** The last day to apply for judicial confirmation; null before an agreement. */
  judicialConfirmationDeadlineOn: string | null;
  /** The documents the mediation can have now (GET /mediations/{id}/documents/{kind}). */
  documents: MediationDocumentKind[];
  version: number;
};

/** The mediation as its stream says now: never behind, unlike the list. Workers' personal data as for dispute cases. */
@QueryHandler(GetMediationQuery)
export class GetMediationHandler implements IQueryHandler<GetMediationQuery, MediationDetail> {
  constructor(private readonly mediations: MediationStreams) {}

  async execute({ mediationId, actor }: GetMediationQuery): Promise<MediationDetail> {
    const { record, version } = await this.mediations.load(mediationId, actor);
    const { mediationId: id, workers, ...rest } = record;
    return {
      id,
      ...rest,
      workers: seesPersonalData(actor) ? workers : workers.map(maskWorker),
      deadlineOn: mediationDeadline(record),
      judicialConfirmationDeadlineOn: judicialConfirmationDeadline(record),
      documents: mediationDocumentKinds(record),
      version,
    };
  }
}

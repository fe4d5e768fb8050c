import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Written } from '@lc/http';
import { InformantStreams } from '../shared/informant-streams';
import { ChangeInformantEnterprisesCommand } from './change-informant-enterprises.command';

@CommandHandler(ChangeInformantEnterprisesCommand)
export class ChangeInformantEnterprisesHandler implements ICommandHandler<ChangeInformantEnterprisesCommand, Written> {
  constructor(private readonly informants: InformantStreams) {}

  async execute({ informantId, input, meta: { actor, expectedVersion, idempotencyKey } }: ChangeInformantEnterprisesCommand): Promise<Written> {
    const { id, version } = await this.informants.change(
      informantId,
      actor,
      { type: 'ChangeInformantEnterprises', enterprises: input.enterprises },
      { expectedVersion, idempotencyKey },
    );
    return { id, version };
  }
}

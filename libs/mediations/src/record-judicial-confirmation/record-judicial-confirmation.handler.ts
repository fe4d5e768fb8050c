import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Written } from '@lc/http';
import { MediationStreams } from '../shared/mediation-streams';
import { RecordJudicialConfirmationCommand } from './record-judicial-confirmation.command';

/** Judicial confirmation (司法确认) applied for, granted or refused. */
@CommandHandler(RecordJudicialConfirmationCommand)
export class RecordJudicialConfirmationHandler implements ICommandHandler<RecordJudicialConfirmationCommand, Written> {
  constructor(private readonly mediations: MediationStreams) {}

  async execute({ mediationId, input, meta: { actor, expectedVersion, idempotencyKey } }: RecordJudicialConfirmationCommand): Promise<Written> {
    const { id, version } = await this.mediations.change(mediationId, actor, { type: 'RecordJudicialConfirmation', ...input }, { expectedVersion, idempotencyKey });
    return { id, version };
  }
}

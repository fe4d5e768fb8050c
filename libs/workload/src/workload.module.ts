import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MeController } from './http/me.controller';
import { MediatorsController } from './http/mediators.controller';
import { ListMediatorsHandler } from './list-mediators/list-mediators.handler';
import { GetMyWorkHandler } from './my-work/get-my-work.handler';

/**
 * The API side of everyday work across contexts: who can take work (mediators and their
 * workload) and a mediator's own work in hand. Reads the accounts, dispute-cases, mediations and
 * clocks read models; owns no events and no tables of its own.
 */
@Module({
  imports: [CqrsModule],
  controllers: [MediatorsController, MeController],
  providers: [ListMediatorsHandler, GetMyWorkHandler],
})
export class WorkloadModule {}

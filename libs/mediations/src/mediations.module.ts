import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignMediationMediatorHandler } from './assign-mediator/assign-mediator.handler';
import { ExtendMediationHandler } from './extend-mediation/extend-mediation.handler';
import { FailMediationHandler } from './fail-mediation/fail-mediation.handler';
import { GetMediationHandler } from './get-mediation/get-mediation.handler';
import { GetMediationTimelineHandler } from './get-mediation-timeline/get-mediation-timeline.handler';
import { HoldSessionHandler } from './hold-session/hold-session.handler';
import { MediationsController } from './http/mediations.controller';
import { ListMediationsHandler } from './list-mediations/list-mediations.handler';
import { ReachAgreementHandler } from './reach-agreement/reach-agreement.handler';
import { MediationView } from './read-model/mediation.view';
import { MediationsProjection } from './read-model/mediations.projection';
import { RecordJudicialConfirmationHandler } from './record-judicial-confirmation/record-judicial-confirmation.handler';
import { ReferMediationHandler } from './refer-mediation/refer-mediation.handler';
import { MediationStreams } from './shared/mediation-streams';
import { WithdrawMediationHandler } from './withdraw-mediation/withdraw-mediation.handler';
import { MediationAssignmentNotifier } from './read-model/assignment.notifier';

/** The API side of court-referred pre-litigation mediations. */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature([MediationView])],
  controllers: [MediationsController],
  providers: [
    MediationStreams,
    ReferMediationHandler,
    AssignMediationMediatorHandler,
    HoldSessionHandler,
    ExtendMediationHandler,
    ReachAgreementHandler,
    RecordJudicialConfirmationHandler,
    FailMediationHandler,
    WithdrawMediationHandler,
    GetMediationHandler,
    GetMediationTimelineHandler,
    ListMediationsHandler,
  ],
})
export class MediationsModule {}

/** The worker side: the mediations list. */
@Module({
  imports: [TypeOrmModule.forFeature([MediationView])],
  providers: [MediationsProjection, MediationAssignmentNotifier],
})
export class MediationsProjectionModule {}

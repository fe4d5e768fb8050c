import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignMediatorHandler } from './assign-mediator/assign-mediator.handler';
import { CaseNumberAllocator } from './case-numbers/case-number-allocator';
import { ChangeWorkersInvolvedHandler } from './change-workers-involved/change-workers-involved.handler';
import { ConvertComplaintHandler } from './convert-complaint/convert-complaint.handler';
import { GetComplaintHandler } from './get-complaint/get-complaint.handler';
import { GetDisputeHandler } from './get-dispute/get-dispute.handler';
import { GetDisputeTimelineHandler } from './get-dispute-timeline/get-dispute-timeline.handler';
import { HandleComplaintHandler } from './handle-complaint/handle-complaint.handler';
import { ComplaintsController } from './http/complaints.controller';
import { DisputesController } from './http/disputes.controller';
import { ListComplaintsHandler } from './list-complaints/list-complaints.handler';
import { ListDisputesHandler } from './list-disputes/list-disputes.handler';
import { LogStepHandler } from './log-step/log-step.handler';
import { DisputeOpener } from './open-dispute/dispute-opener';
import { OverlappingCases } from './open-dispute/overlapping-cases';
import { DisputeAssignmentNotifier } from './read-model/assignment.notifier';
import { OpenDisputeHandler } from './open-dispute/open-dispute.handler';
import { ComplaintView } from './read-model/complaint.view';
import { ComplaintsProjection } from './read-model/complaints.projection';
import { DisputeCaseView } from './read-model/dispute-case.view';
import { DisputeCasesProjection } from './read-model/dispute-cases.projection';
import { GroupDisputeNotifier } from './read-model/group-dispute.notifier';
import { RecordRecoveryHandler } from './record-recovery/record-recovery.handler';
import { ReopenDisputeHandler } from './reopen-dispute/reopen-dispute.handler';
import { ResolveDisputeHandler } from './resolve-dispute/resolve-dispute.handler';
import { ReceiveComplaintHandler } from './receive-complaint/receive-complaint.handler';
import { ComplaintStreams } from './shared/complaint-streams';
import { DisputeStreams } from './shared/dispute-streams';

/**
 * The API side of dispute cases and complaints. DisputeOpener is exported for the other ways a
 * case comes to be (an informant's alert converted).
 */
@Module({
  imports: [CqrsModule, TypeOrmModule.forFeature([DisputeCaseView, ComplaintView])],
  controllers: [DisputesController, ComplaintsController],
  providers: [
    DisputeStreams,
    ComplaintStreams,
    CaseNumberAllocator,
    DisputeOpener,
    OverlappingCases,
    OpenDisputeHandler,
    AssignMediatorHandler,
    LogStepHandler,
    RecordRecoveryHandler,
    ResolveDisputeHandler,
    ReopenDisputeHandler,
    ChangeWorkersInvolvedHandler,
    ReceiveComplaintHandler,
    HandleComplaintHandler,
    ConvertComplaintHandler,
    GetDisputeHandler,
    GetDisputeTimelineHandler,
    ListDisputesHandler,
    GetComplaintHandler,
    ListComplaintsHandler,
  ],
  exports: [DisputeOpener],
})
export class DisputesModule {}

/** The worker side: the case and complaint lists, and the group-dispute notifications. */
@Module({
  imports: [TypeOrmModule.forFeature([DisputeCaseView, ComplaintView])],
  providers: [DisputeCasesProjection, ComplaintsProjection, GroupDisputeNotifier, DisputeAssignmentNotifier],
})
export class DisputesProjectionModule {}

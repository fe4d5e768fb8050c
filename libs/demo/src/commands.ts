/*
 * The use-case commands the demo sends, the very ones the controllers send. They are internals of
 * their contexts (not in the public indexes), imported through this one file, as libs/mediations
 * imports what it shares with libs/disputes.
 */
export { CreateAccountCommand } from '../../accounts/src/create-account/create-account.command';
export { AssignMediatorCommand } from '../../disputes/src/assign-mediator/assign-mediator.command';
export { ChangeWorkersInvolvedCommand } from '../../disputes/src/change-workers-involved/change-workers-involved.command';
export { ConvertComplaintCommand } from '../../disputes/src/convert-complaint/convert-complaint.command';
export { HandleComplaintCommand } from '../../disputes/src/handle-complaint/handle-complaint.command';
export { LogStepCommand } from '../../disputes/src/log-step/log-step.command';
export { OpenDisputeCommand } from '../../disputes/src/open-dispute/open-dispute.command';
export { ReceiveComplaintCommand } from '../../disputes/src/receive-complaint/receive-complaint.command';
export { RecordRecoveryCommand } from '../../disputes/src/record-recovery/record-recovery.command';
export { ReopenDisputeCommand } from '../../disputes/src/reopen-dispute/reopen-dispute.command';
export { ResolveDisputeCommand } from '../../disputes/src/resolve-dispute/resolve-dispute.command';
export { AssignMediationMediatorCommand } from '../../mediations/src/assign-mediator/assign-mediator.command';
export { ExtendMediationCommand } from '../../mediations/src/extend-mediation/extend-mediation.command';
export { FailMediationCommand } from '../../mediations/src/fail-mediation/fail-mediation.command';
export { HoldSessionCommand } from '../../mediations/src/hold-session/hold-session.command';
export { ReachAgreementCommand } from '../../mediations/src/reach-agreement/reach-agreement.command';
export { RecordJudicialConfirmationCommand } from '../../mediations/src/record-judicial-confirmation/record-judicial-confirmation.command';
export { ReferMediationCommand } from '../../mediations/src/refer-mediation/refer-mediation.command';
export { WithdrawMediationCommand } from '../../mediations/src/withdraw-mediation/withdraw-mediation.command';
export { ConvertAlertCommand } from '../../alerts/src/convert-alert/convert-alert.command';
export { RegisterInformantCommand } from '../../alerts/src/register-informant/register-informant.command';
export { SubmitAlertCommand } from '../../alerts/src/submit-alert/submit-alert.command';
export { TriageAlertCommand } from '../../alerts/src/triage-alert/triage-alert.command';

/* The use-case commands the demo sends: the very ones the controllers send. */
export { CreateAccountCommand } from '@lc/accounts';
export { AssignMediatorCommand, ChangeWorkersInvolvedCommand, ConvertComplaintCommand, HandleComplaintCommand, LogStepCommand, OpenDisputeCommand, ReceiveComplaintCommand, RecordRecoveryCommand, ReopenDisputeCommand, ResolveDisputeCommand } from '@lc/disputes';
export { AssignMediationMediatorCommand, ExtendMediationCommand, FailMediationCommand, HoldSessionCommand, ReachAgreementCommand, RecordJudicialConfirmationCommand, ReferMediationCommand, WithdrawMediationCommand } from '@lc/mediations';
export { ConvertAlertCommand, RegisterInformantCommand, SubmitAlertCommand, TriageAlertCommand } from '@lc/alerts';

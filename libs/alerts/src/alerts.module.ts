import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DisputeCaseView, DisputesModule } from '@lc/disputes';
import { MediationView } from '@lc/mediations';
import { ChangeInformantEnterprisesHandler } from './change-informant-enterprises/change-informant-enterprises.handler';
import { ConvertAlertHandler } from './convert-alert/convert-alert.handler';
import { DeactivateInformantHandler } from './deactivate-informant/deactivate-informant.handler';
import { GetEnterpriseHandler } from './enterprise-view/get-enterprise.handler';
import { GetAlertHandler } from './get-alert/get-alert.handler';
import { GetInformantHandler } from './get-informant/get-informant.handler';
import { GetMyInformantProfileHandler } from './get-my-informant-profile/get-my-informant-profile.handler';
import { AlertsController } from './http/alerts.controller';
import { InformantsController } from './http/informants.controller';
import { EnterprisesController, RiskWeightsController } from './http/reference.controller';
import { ListAlertsHandler } from './list-alerts/list-alerts.handler';
import { ListMyAlertsHandler } from './list-alerts/list-my-alerts.handler';
import { ListInformantsHandler } from './list-informants/list-informants.handler';
import { AlertNotifier } from './read-model/alert.notifier';
import { AlertView } from './read-model/alert.view';
import { AlertsProjection } from './read-model/alerts.projection';
import { InformantActivityView, InformantView } from './read-model/informant.view';
import { InformantsProjection } from './read-model/informants.projection';
import { RegisterInformantHandler } from './register-informant/register-informant.handler';
import { ChangeRiskWeightsHandler, GetRiskWeightsHandler } from './risk-weights/risk-weights.queries';
import { RiskWeightsStore } from './risk-weights/risk-weights.store';
import { AlertStreams } from './shared/alert-streams';
import { InformantStreams } from './shared/informant-streams';
import { SubmitAlertHandler } from './submit-alert/submit-alert.handler';
import { TriageAlertHandler } from './triage-alert/triage-alert.handler';

/**
 * The API side of early warning: informants and their registry, alerts and their triage, the
 * risk weights, and the enterprise view (which reads the dispute and mediation lists too).
 * Accounts are created and deactivated through the accounts context's commands.
 */
@Module({
  imports: [CqrsModule, DisputesModule, TypeOrmModule.forFeature([AlertView, InformantView, InformantActivityView, DisputeCaseView, MediationView])],
  controllers: [AlertsController, InformantsController, RiskWeightsController, EnterprisesController],
  providers: [
    AlertStreams,
    InformantStreams,
    RiskWeightsStore,
    SubmitAlertHandler,
    TriageAlertHandler,
    ConvertAlertHandler,
    GetAlertHandler,
    ListAlertsHandler,
    ListMyAlertsHandler,
    RegisterInformantHandler,
    ChangeInformantEnterprisesHandler,
    DeactivateInformantHandler,
    GetInformantHandler,
    GetMyInformantProfileHandler,
    ListInformantsHandler,
    GetRiskWeightsHandler,
    ChangeRiskWeightsHandler,
    GetEnterpriseHandler,
  ],
})
export class AlertsModule {}

/** The worker side: the alerts and informants lists, and the notifications for red and escalated alerts. */
@Module({
  imports: [TypeOrmModule.forFeature([AlertView, InformantView, InformantActivityView])],
  providers: [AlertsProjection, InformantsProjection, AlertNotifier],
})
export class AlertsProjectionModule {}

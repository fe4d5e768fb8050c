import { convertAlertSchema, dismissAlertSchema, escalateAlertSchema, registerInformantSchema, submitAlertSchema, verifyAlertSchema } from '@lc/alerts';
import * as C from '../commands';
import { TimedAction } from '../plan';
import { Actions, idOf } from './play';

type AlertAction = 'registerInformant' | 'submitAlert' | 'triageAlert' | 'convertAlert';

function triageStep({ step, text }: Extract<TimedAction, { type: 'triageAlert' }>) {
  switch (step) {
    case 'acknowledge':
      return { type: 'AcknowledgeAlert' as const };
    case 'verify':
      return { type: 'VerifyAlert' as const, ...verifyAlertSchema.parse({ note: text }) };
    case 'escalate':
      return { type: 'EscalateAlert' as const, ...escalateAlertSchema.parse({ note: text }) };
    case 'dismiss':
      return { type: 'DismissAlert' as const, ...dismissAlertSchema.parse({ reason: text }) };
  }
}

/** Early-warning informants, registered by their supervisor, and their alerts from submission to triage or a case. */
export const alertActions: Actions<AlertAction> = {
  async registerInformant({ informant: i }, { meta, actors, password, execute }) {
    const input = registerInformantSchema.parse({ username: i.username, password, name: i.name, phone: i.phone, subDistrict: i.subDistrict, enterprises: i.enterprises });
    const { id } = await execute<{ id: string }>(new C.RegisterInformantCommand(input, meta));
    i.id = id;
    // From now on the informant reports from their phone, as themselves.
    actors.set(i.key, { id, username: i.username, role: 'informant', subDistrict: i.subDistrict });
  },
  async submitAlert({ alert: a, observedAt }, { meta, execute }) {
    const input = submitAlertSchema.parse({
      enterprise: { name: a.enterprise.name, creditCode: a.enterprise.creditCode },
      subDistrict: a.subDistrict,
      signals: a.signals,
      workersAffected: a.workersAffected,
      description: a.description,
      observedAt: new Date(observedAt).toISOString(),
      ...(a.location ? { location: { text: a.location } } : {}),
    });
    a.id = (await execute<{ id: string }>(new C.SubmitAlertCommand(input, meta))).id;
  },
  async triageAlert(action, { meta, execute }) {
    await execute(new C.TriageAlertCommand(idOf(action.alert, 'alert'), triageStep(action), meta));
  },
  async convertAlert({ alert, dispute: d }, { meta, execute }) {
    const input = convertAlertSchema.parse({
      category: d.category,
      workersInvolved: d.workersInvolved,
      amountClaimedFen: d.amountClaimedFen,
      claimants: d.claimants,
      summary: d.summary,
      openedOn: d.openedOn,
      // As for an opening: the plan's supervisor assigns the case.
      assignToMe: false,
    });
    d.id = (await execute<{ id: string }>(new C.ConvertAlertCommand(idOf(alert, 'alert'), input, meta))).id;
  },
};

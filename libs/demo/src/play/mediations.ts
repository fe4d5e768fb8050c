import {
  assignMediationMediatorSchema,
  extendMediationSchema,
  failMediationSchema,
  holdSessionSchema,
  reachAgreementSchema,
  recordJudicialConfirmationSchema,
  referMediationSchema,
  withdrawMediationSchema,
} from '@lc/mediations';
import * as C from '../commands';
import data from '../data/zh.json';
import { Actions, idOf } from './play';

type MediationAction = 'referMediation' | 'assignMediation' | 'holdSession' | 'extendMediation' | 'endMediation' | 'judicialConfirmation';

/** Court-referred pre-litigation mediations (诉前调解), from the referral to judicial confirmation. */
export const mediationActions: Actions<MediationAction> = {
  async referMediation({ mediation: m }, { meta, execute }) {
    const input = referMediationSchema.parse({
      court: data.court,
      courtCaseNo: m.courtCaseNo,
      referredOn: m.referredOn,
      subDistrict: m.subDistrict,
      category: m.category,
      employer: { name: m.employer.name, creditCode: m.employer.creditCode },
      workers: m.workers,
      claimAmountFen: m.claimAmountFen,
      assignToMe: false,
    });
    m.id = (await execute<{ id: string }>(new C.ReferMediationCommand(input, meta))).id;
  },
  async assignMediation({ mediation }, { meta, actors, execute }) {
    const input = assignMediationMediatorSchema.parse({ mediatorId: actors.get(mediation.mediator)!.id });
    await execute(new C.AssignMediationMediatorCommand(idOf(mediation, 'mediation'), input, meta));
  },
  async holdSession({ mediation, heldOn, form, note }, { meta, execute }) {
    const input = holdSessionSchema.parse({ heldOn, form, note });
    await execute(new C.HoldSessionCommand(idOf(mediation, 'mediation'), input, meta));
  },
  async extendMediation({ mediation, extraDays, agreedOn, note }, { meta, execute }) {
    const input = extendMediationSchema.parse({ extraDays, agreedOn, note });
    await execute(new C.ExtendMediationCommand(idOf(mediation, 'mediation'), input, meta));
  },
  async endMediation({ mediation }, { meta, execute }) {
    const id = idOf(mediation, 'mediation');
    const ending = mediation.ending!;
    if (ending.type === 'agreement') {
      const input = reachAgreementSchema.parse({ amountFen: ending.amountFen, agreedOn: ending.on, paymentTerms: ending.paymentTerms });
      await execute(new C.ReachAgreementCommand(id, input, meta));
    } else if (ending.type === 'failure') {
      const input = failMediationSchema.parse({ reason: ending.reason, failedOn: ending.on });
      await execute(new C.FailMediationCommand(id, input, meta));
    } else {
      const input = withdrawMediationSchema.parse({ withdrawnOn: ending.on, reason: ending.reason });
      await execute(new C.WithdrawMediationCommand(id, input, meta));
    }
  },
  async judicialConfirmation({ mediation, status, on }, { meta, execute }) {
    const input = recordJudicialConfirmationSchema.parse({ status, on });
    await execute(new C.RecordJudicialConfirmationCommand(idOf(mediation, 'mediation'), input, meta));
  },
};

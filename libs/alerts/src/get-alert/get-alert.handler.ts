import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Alert } from '../alert/alert.decider';
import { AlertStreams } from '../shared/alert-streams';
import { GetAlertQuery } from './get-alert.query';
import { InformantAlertView, informantAlertView } from './informant-view';

export type AlertDetail = Omit<Alert, 'alertId'> & { id: string; version: number };

/** The alert as its stream says now. Staff see those of their scope; an informant their own, as InformantAlertView. */
@QueryHandler(GetAlertQuery)
export class GetAlertHandler implements IQueryHandler<GetAlertQuery, AlertDetail | InformantAlertView> {
  constructor(private readonly alerts: AlertStreams) {}

  async execute({ alertId, actor }: GetAlertQuery): Promise<AlertDetail | InformantAlertView> {
    if (actor.role === 'informant') {
      const { record, version } = await this.alerts.loadOwn(alertId, actor);
      return informantAlertView(record, version);
    }
    const { record, version } = await this.alerts.load(alertId, actor);
    const { alertId: id, ...rest } = record;
    return { id, ...rest, version };
  }
}

import { CommandMeta } from '@lc/access';
import { ConvertAlertRequest } from './convert-alert.schema';

export class ConvertAlertCommand {
  constructor(
    readonly alertId: string,
    readonly input: ConvertAlertRequest,
    /** meta.expectedVersion (If-Match): the alert's version. */
    readonly meta: CommandMeta,
  ) {}
}

import { CommandMeta } from '@lc/access';
import { ReceiveComplaintRequest } from './receive-complaint.schema';

export class ReceiveComplaintCommand {
  constructor(
    readonly input: ReceiveComplaintRequest,
    readonly meta: CommandMeta,
  ) {}
}

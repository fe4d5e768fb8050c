import { CommandMeta } from '@lc/access';
import { HandleComplaintRequest } from './handle-complaint.schema';

export class HandleComplaintCommand {
  constructor(
    readonly complaintId: string,
    readonly input: HandleComplaintRequest,
    readonly meta: CommandMeta,
  ) {}
}

import { CommandMeta } from '@lc/access';
import { ConvertComplaintRequest } from './convert-complaint.schema';

export class ConvertComplaintCommand {
  constructor(
    readonly complaintId: string,
    readonly input: ConvertComplaintRequest,
    /** meta.expectedVersion (If-Match): the complaint's version. */
    readonly meta: CommandMeta,
  ) {}
}

import { CommandMeta } from '@lc/access';
import { ErasePersonRequest } from './erase-person.schema';

export class ErasePersonCommand {
  constructor(
    readonly personId: string,
    readonly input: ErasePersonRequest,
    readonly meta: CommandMeta,
  ) {}
}

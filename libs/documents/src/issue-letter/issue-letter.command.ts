import { CommandMeta } from '@lc/access';
import { RecordKind } from '../shared/record-streams';
import { IssueLetterRequest } from './issue-letter.schema';

export class IssueLetterCommand {
  constructor(
    readonly recordKind: RecordKind,
    readonly recordId: string,
    readonly input: IssueLetterRequest,
    readonly meta: CommandMeta,
  ) {}
}

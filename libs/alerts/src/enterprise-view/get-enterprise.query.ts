import { AuthenticatedActor } from '@lc/http';

export class GetEnterpriseQuery {
  constructor(
    readonly creditCode: string,
    readonly actor: AuthenticatedActor,
  ) {}
}

/** What the login limits hold against an account now (admin). */
export class GetLoginLocksQuery {
  constructor(readonly accountId: string) {}
}

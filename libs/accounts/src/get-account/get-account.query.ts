/** One account as its own stream has it now: current right after a change, before the list catches up (admin). */
export class GetAccountQuery {
  constructor(readonly accountId: string) {}
}

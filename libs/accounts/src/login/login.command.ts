export class LoginCommand {
  constructor(
    readonly username: string,
    readonly password: string,
    /** The client's address, for the per-IP failure count. */
    readonly ip: string,
  ) {}
}

export class LogoutCommand {
  constructor(readonly refreshToken: string) {}
}

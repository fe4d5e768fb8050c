import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Tokens } from '../auth/tokens';
import { LogoutCommand } from './logout.command';

@CommandHandler(LogoutCommand)
export class LogoutHandler implements ICommandHandler<LogoutCommand, void> {
  constructor(private readonly tokens: Tokens) {}

  async execute({ refreshToken }: LogoutCommand): Promise<void> {
    await this.tokens.revoke(refreshToken);
  }
}

import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { Allow, AuthenticatedActor, CurrentActor, Public, ZodBody } from '@lc/http';
import { LoginCommand } from '../login/login.command';
import { LogoutCommand } from '../logout/logout.command';
import { RefreshSessionCommand } from '../refresh-session/refresh-session.command';

const credentials = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }).strict();
const refresh = z.object({ refreshToken: z.string().min(1).max(256) }).strict();

@ApiTags('auth')
@Controller('auth')
// Rate limits (RATE_LIMIT_PUBLIC_PER_ADDRESS for these routes) are applied before the body is read: see request-limits.ts.
export class AuthController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@ZodBody(credentials) body: z.output<typeof credentials>, @Req() req: Request) {
    // req.ip: the peer, or with TRUST_PROXY the client as the trusted proxies say.
    return this.commands.execute(new LoginCommand(body.username, body.password, req.ip ?? 'unknown'));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@ZodBody(refresh) body: z.output<typeof refresh>) {
    return this.commands.execute(new RefreshSessionCommand(body.refreshToken));
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@ZodBody(refresh) body: z.output<typeof refresh>) {
    await this.commands.execute(new LogoutCommand(body.refreshToken));
  }

  @Get('me')
  @ApiBearerAuth()
  @Allow('admin', 'supervisor', 'mediator', 'informant')
  me(@CurrentActor() actor: AuthenticatedActor) {
    return actor;
  }
}

import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { Allow, CurrentActor, Describe, ProblemResponses, Public, ZodBody, ZodResponse } from '@lc/http';
import { AuthenticatedActor } from '@lc/access';
import { LoginCommand } from '../login/login.command';
import { LogoutCommand } from '../logout/logout.command';
import { RefreshSessionCommand } from '../refresh-session/refresh-session.command';
import { currentActorSchema, tokenPairSchema } from '../users/accounts.responses';

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
  @Describe('Logs in', 'Answers an access token and a refresh token. Repeated failures lock the address out for a while, and slow down new addresses for the username (429 with Retry-After).')
  @ZodResponse(200, tokenPairSchema, 'Logged in')
  @ProblemResponses(400, 401, 415, 429)
  login(@ZodBody(credentials) body: z.output<typeof credentials>, @Req() req: Request) {
    // req.ip: the peer, or with TRUST_PROXY the client as the trusted proxies say.
    return this.commands.execute(new LoginCommand(body.username, body.password, req.ip ?? 'unknown'));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @Describe('Exchanges a refresh token for a new pair', 'The refresh token is spent: using it twice ends the session.')
  @ZodResponse(200, tokenPairSchema, 'A new pair')
  @ProblemResponses(400, 401, 415, 429)
  refresh(@ZodBody(refresh) body: z.output<typeof refresh>) {
    return this.commands.execute(new RefreshSessionCommand(body.refreshToken));
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @Describe('Logs out', 'Ends the session of the refresh token; access tokens run out by themselves.')
  @ApiResponse({ status: 204, description: 'Logged out' })
  @ProblemResponses(400, 415, 429)
  async logout(@ZodBody(refresh) body: z.output<typeof refresh>) {
    await this.commands.execute(new LogoutCommand(body.refreshToken));
  }

  @Get('me')
  @ApiBearerAuth()
  @Allow('admin', 'supervisor', 'mediator', 'informant')
  @Describe('Who the caller is', 'The account of the access token: id, username, role and scope.')
  @ZodResponse(200, currentActorSchema, 'The caller')
  @ProblemResponses(401, 403)
  me(@CurrentActor() actor: AuthenticatedActor) {
    return actor;
  }
}

import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { AccessGuard } from './auth/access.guard';
import { AccountStates } from './auth/account-states';
import { AuthController } from './auth/auth.controller';
import { LoginThrottle } from './auth/login-throttle';
import { PasswordHasher } from './auth/password';
import { RateLimiter } from './auth/rate-limiter';
import { Tokens } from './auth/tokens';
import { CreateAccountHandler } from './create-account/create-account.handler';
import { GetAccountHandler } from './get-account/get-account.handler';
import { GetLoginLocksHandler } from './get-login-locks/get-login-locks.handler';
import { ListAccountsHandler } from './list-accounts/list-accounts.handler';
import { LoginHandler } from './login/login.handler';
import { LoginGuardNotifier } from './login-guard/login-guard.notifier';
import { LoginGuardRecorder } from './login-guard/login-guard.recorder';
import { LogoutHandler } from './logout/logout.handler';
import { RefreshSessionHandler } from './refresh-session/refresh-session.handler';
import { ReleaseLoginLocksHandler } from './release-login-locks/release-login-locks.handler';
import { UpdateAccountHandler } from './update-account/update-account.handler';
import { AccountView } from './users/account.entity';
import { AccountsProjection } from './users/accounts.projection';
import { BootstrapAdmin } from './users/bootstrap-admin';
import { UsersController } from './users/users.controller';

/** The API side of accounts: login, sessions, user administration, and the global access guard. */
@Module({
  imports: [
    CqrsModule,
    TypeOrmModule.forFeature([AccountView]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to read it as a
        // PEM public (or private) key on every verify (and sign), and only after that throws treats it
        // as a secret: 1.6 ms of CPU per request, measured (docs/benchmarks.md).
        secret: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    AccountStates,
    PasswordHasher,
    Tokens,
    LoginThrottle,
    RateLimiter,
    LoginGuardRecorder,
    LoginHandler,
    ReleaseLoginLocksHandler,
    RefreshSessionHandler,
    LogoutHandler,
    CreateAccountHandler,
    UpdateAccountHandler,
    ListAccountsHandler,
    GetAccountHandler,
    GetLoginLocksHandler,
    BootstrapAdmin,
  ],
})
export class AccountsModule {
  /** The same module hashing passwords with `hasher` (the demo's: its one shared password hashed once). */
  static withPasswordHasher(hasher: PasswordHasher): DynamicModule {
    return { module: AccountsModule, providers: [{ provide: PasswordHasher, useValue: hasher }] };
  }
}

/** The worker side: keeps the accounts read model, and tells of login lockouts. */
@Module({
  imports: [TypeOrmModule.forFeature([AccountView])],
  providers: [AccountsProjection, LoginGuardNotifier],
})
export class AccountsProjectionModule {}

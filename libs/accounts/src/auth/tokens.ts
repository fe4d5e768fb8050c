import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { Clock, CLOCK, DomainError } from '@lc/decider';
import { AccountState } from '../account/account.decider';

export interface AccessClaims {
  sub: string;
  role: string;
  /** The account's credentialsVersion when the token was issued: a password change or deactivation ends it. */
  cv: number;
}

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Short-lived JWT access tokens, and opaque refresh tokens stored hashed. A refresh rotates the
 * token; presenting a rotated one again means it was copied, so every session of the account ends.
 */
@Injectable()
export class Tokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(account: AccountState, replacing?: string): Promise<TokenPair> {
    const now = this.clock.now();
    const claims: AccessClaims = { sub: account.accountId!, role: account.role!, cv: account.credentialsVersion };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS });
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      if (replacing) {
        const rotated = await tx.query(
          `UPDATE refresh_tokens SET revoked_at = $2, replaced_by = $3 WHERE id = $1 AND revoked_at IS NULL`,
          [replacing, now, id],
        );
        // Two refreshes raced with one token: only the first wins.
        if (rotated[1] !== 1) throw new DomainError('unauthenticated', 'The refresh token is no longer valid');
      }
      await tx.query(
        `INSERT INTO refresh_tokens (id, account_id, token_hash, issued_at, expires_at, credentials_version)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, account.accountId, sha256(refreshToken), now, expiresAt, account.credentialsVersion],
      );
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
      refreshExpiresAt: expiresAt.toISOString(),
    };
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    try {
      return await this.jwt.verifyAsync<AccessClaims>(token);
    } catch {
      throw new DomainError('unauthenticated', 'The access token is invalid or has expired');
    }
  }

  /** The live refresh token's id and account, or an error that says nothing more than "invalid". */
  async findRefreshable(refreshToken: string): Promise<{ id: string; accountId: string; credentialsVersion: number }> {
    const rows: { id: string; account_id: string; credentials_version: number; expires_at: Date; revoked_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT id, account_id, credentials_version, expires_at, revoked_at FROM refresh_tokens WHERE token_hash = $1`,
        [sha256(refreshToken)],
      );
    const row = rows[0];
    const invalid = new DomainError('unauthenticated', 'The refresh token is invalid or has expired');
    if (!row) throw invalid;
    if (row.revoked_at) {
      await this.revokeAll(row.account_id);
      throw invalid;
    }
    if (row.expires_at.getTime() <= this.clock.now().getTime()) throw invalid;
    return { id: row.id, accountId: row.account_id, credentialsVersion: row.credentials_version };
  }

  async revoke(refreshToken: string): Promise<void> {
    await this.dataSource.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL`, [
      sha256(refreshToken),
      this.clock.now(),
    ]);
  }

  async revokeAll(accountId: string): Promise<void> {
    await this.dataSource.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL`, [
      accountId,
      this.clock.now(),
    ]);
  }
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '@lc/config';
import { KeyedReads, prepared } from '@lc/database';
import { Clock, CLOCK, DomainError } from '@lc/decider';
import { isUuid } from '@lc/reference-data';
import { AccountState } from '../account/account.decider';

/**
 * Asked on every authenticated request, so parsed once per connection (ADR 0020), and for the
 * requests that ask meanwhile together (KeyedReads).
 */
const SESSIONS = prepared(`SELECT id::text, account_id::text, ended_at FROM sessions WHERE id = ANY ($1::uuid[])`);
interface SessionRow {
  id: string;
  account_id: string;
  ended_at: Date | null;
}

export interface AccessClaims {
  sub: string;
  role: string;
  /** The account's credentialsVersion when the token was issued: a password change or deactivation ends it. */
  cv: number;
  /** The session (login) it belongs to: logout, or a reused refresh token, ends it at once. */
  sid: string;
  /** Expiry, seconds since the epoch. A token without one is refused. */
  exp?: number;
}

/** Why a session ended, kept for the audit of sessions. */
export type SessionEnd = 'logout' | 'refresh_token_reused' | 'credentials_changed' | 'account_changed';

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Short-lived JWT access tokens, and opaque refresh tokens stored hashed. A login starts a session;
 * a refresh rotates the refresh token within it. Presenting a rotated one again means it was
 * copied, so every session of the account ends. An ended session's access tokens are refused on
 * the next request (the guard checks `sid`), not only when they expire.
 */
@Injectable()
export class Tokens {
  /** Claims verified for a request in flight (claimsOfRequest), gone with the request. */
  private readonly verifiedPerRequest = new WeakMap<object, { token: string; claims: Promise<AccessClaims | undefined> }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The sessions the guard asks about, those asked while two queries are out in one query. */
  private readonly sessions = new KeyedReads<SessionRow>(async (ids) => {
    const rows: SessionRow[] = await this.dataSource.query(SESSIONS, [ids]);
    return new Map(rows.map((row) => [row.id, [row]]));
  }, 2, 200);

  /** A new session (login), or the next tokens of one (`replacing`: the refresh token presented). */
  async issue(account: AccountState, replacing?: { id: string; sessionId: string }): Promise<TokenPair> {
    const now = this.clock.now();
    const sessionId = replacing?.sessionId ?? randomUUID();
    const claims: AccessClaims = { sub: account.accountId!, role: account.role!, cv: account.credentialsVersion, sid: sessionId };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS });
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      if (replacing) {
        const rotated = await tx.query(
          `UPDATE refresh_tokens SET revoked_at = $2, replaced_by = $3 WHERE id = $1 AND revoked_at IS NULL`,
          [replacing.id, now, id],
        );
        // Two refreshes raced with one token: only the first wins.
        if (rotated[1] !== 1) throw new DomainError('unauthenticated', 'The refresh token is no longer valid');
      } else {
        await tx.query(`INSERT INTO sessions (id, account_id, started_at) VALUES ($1, $2, $3)`, [sessionId, account.accountId, now]);
      }
      await tx.query(
        `INSERT INTO refresh_tokens (id, account_id, token_hash, issued_at, expires_at, credentials_version, session_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, account.accountId, sha256(refreshToken), now, expiresAt, account.credentialsVersion, sessionId],
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

  /**
   * The claims of a well-signed, unexpired access token, or undefined. Only the signature and the
   * expiry: whether the session and the account still allow it is the guard's question.
   */
  async claimsOf(token: string): Promise<AccessClaims | undefined> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token);
      // A token that never expires, or names no session, was not made here: refused.
      if (typeof claims.exp !== 'number' || typeof claims.sid !== 'string' || typeof claims.sub !== 'string') return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }

  /**
   * `claimsOf` once per request: the rate limits (before the routes) and the guard both need the
   * claims, and verifying the signature twice was CPU spent for nothing on every request.
   */
  claimsOfRequest(request: object, token: string): Promise<AccessClaims | undefined> {
    let claims = this.verifiedPerRequest.get(request);
    if (!claims || claims.token !== token) {
      claims = { token, claims: this.claimsOf(token) };
      this.verifiedPerRequest.set(request, claims);
    }
    return claims.claims;
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    const claims = await this.claimsOf(token);
    if (!claims) throw new DomainError('unauthenticated', 'The access token is invalid or has expired');
    await this.requireLiveSession(claims);
    return claims;
  }

  /** Refuses a token whose session has ended (logout, a reused refresh token, a password change). */
  async requireLiveSession(claims: AccessClaims): Promise<void> {
    // Not a session id at all: not asked, as an id PostgreSQL cannot read would fail the reads asked with it.
    const [session] = isUuid(claims.sid) ? await this.sessions.read(claims.sid.toLowerCase()) : [];
    if (!session || session.account_id !== claims.sub.toLowerCase() || session.ended_at) {
      throw new DomainError('unauthenticated', 'The session has ended; log in again');
    }
  }

  /** The live refresh token's id, session and account, or an error that says nothing more than "invalid". */
  async findRefreshable(refreshToken: string): Promise<{ id: string; sessionId: string; accountId: string; credentialsVersion: number }> {
    const rows: {
      id: string;
      session_id: string;
      account_id: string;
      credentials_version: number;
      expires_at: Date;
      revoked_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT id, session_id, account_id, credentials_version, expires_at, revoked_at FROM refresh_tokens WHERE token_hash = $1`,
      [sha256(refreshToken)],
    );
    const row = rows[0];
    const invalid = new DomainError('unauthenticated', 'The refresh token is invalid or has expired');
    if (!row) throw invalid;
    if (row.revoked_at) {
      await this.revokeAll(row.account_id, 'refresh_token_reused');
      throw invalid;
    }
    if (row.expires_at.getTime() <= this.clock.now().getTime()) throw invalid;
    return { id: row.id, sessionId: row.session_id, accountId: row.account_id, credentialsVersion: row.credentials_version };
  }

  /** Logout: the session of this refresh token ends, its access tokens with it. */
  async revoke(refreshToken: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (tx) => {
      // TypeORM answers an UPDATE on PostgreSQL with [rows, affected count].
      const [rows] = (await tx.query(
        `UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE token_hash = $1 RETURNING session_id`,
        [sha256(refreshToken), now],
      )) as [{ session_id: string }[], number];
      if (!rows.length) return;
      await tx.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE session_id = $1 AND revoked_at IS NULL`, [rows[0].session_id, now]);
      await tx.query(`UPDATE sessions SET ended_at = $2, end_reason = 'logout' WHERE id = $1 AND ended_at IS NULL`, [rows[0].session_id, now]);
    });
  }

  /** Every session of the account ends: its refresh tokens and, on their next request, its access tokens. */
  async revokeAll(accountId: string, reason: SessionEnd): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL`, [accountId, now]);
      await tx.query(`UPDATE sessions SET ended_at = $2, end_reason = $3 WHERE account_id = $1 AND ended_at IS NULL`, [accountId, now, reason]);
    });
  }
}

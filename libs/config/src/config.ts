import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Every setting the apps read, validated once at start. A missing or invalid variable stops the
 * process with a message naming it, instead of failing later somewhere deep.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const urlWithProtocol = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}` },
  );

/** Development defaults, documented in the README; production refuses them. */
export const DEFAULT_ADMIN_PASSWORD = 'labour-cases-dev';
/**
 * The development master key of personal data (32 bytes, base64): public, so that a development
 * database stays readable across restarts; production refuses it. Unlike a signing secret, a
 * random key per start would make every stored name and ID number unreadable after a restart.
 */
export const DEFAULT_PERSONAL_DATA_MASTER_KEY = 'bGFib3VyLWNhc2VzLWRldi1tYXN0ZXIta2V5LTAwMDE=';

/** 32 bytes, as base64 (44 characters) or hex (64 characters). */
export function decodeMasterKey(value: string): Buffer | undefined {
  const bytes = /^[0-9a-f]{64}$/i.test(value)
    ? Buffer.from(value, 'hex')
    : /^[A-Za-z0-9+/_-]{42,43}={0,2}$/.test(value)
      ? Buffer.from(value, 'base64')
      : undefined;
  return bytes?.length === 32 ? bytes : undefined;
}

/**
 * The JWT secret earlier versions used when none was set. It is public (it was in the README), so
 * it is refused everywhere: without JWT_SECRET a random secret is made at start instead.
 */
export const PUBLISHED_JWT_SECRET = 'development-only-jwt-secret-do-not-use';

/**
 * Express's `trust proxy` from TRUST_PROXY: `false` (the default: the peer's address is the
 * client's), `true` (trust every hop: only behind a proxy that overwrites X-Forwarded-For), a
 * number of hops, or a comma-separated list of proxy addresses / CIDRs / `loopback`,
 * `linklocal`, `uniquelocal`.
 */
export type TrustProxy = boolean | number | string[];
const trustProxy = z.string().transform((raw, ctx): TrustProxy => {
  const value = raw.trim().toLowerCase();
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  if (['true', 'yes', 'on'].includes(value)) return true;
  if (/^[1-9]\d{0,1}$/.test(value)) return Number(value);
  const list = raw.split(',').map((item) => item.trim()).filter(Boolean);
  const bad = list.filter((item) => !isProxyAddress(item));
  if (list.length === 0 || bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must be false, true, a number of proxy hops, or proxy addresses/CIDRs (not ${bad.join(', ') || 'empty'})`,
    });
    return z.NEVER;
  }
  return list;
});

/** What Express's proxy-addr accepts: an address, address/prefix, or one of its named ranges. */
function isProxyAddress(item: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
  const [address, prefix, ...rest] = item.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return isIP(prefix) === 4 && family === 4; // a netmask such as 255.255.255.0
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: urlWithProtocol(['postgres', 'postgresql']).default('postgres://localhost:5432/labour_cases'),
    REDIS_URL: urlWithProtocol(['redis', 'rediss']).default('redis://localhost:6379'),
    EVENT_STORE: z.enum(['postgres', 'kurrentdb']).default('postgres'),
    KURRENTDB_CONNECTION_STRING: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Comma-separated list of allowed browser origins; empty means no cross-origin access. */
    CORS_ORIGINS: z.string().default(''),
    /** Apply pending migrations when an app starts (under an advisory lock, so replicas may race safely). */
    MIGRATIONS_RUN: booleanFlag.default(true),
    /** Connections per pool (read models, event store) in each process. Mind PostgreSQL's max_connections. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /**
     * Send the hot statements as named (prepared) statements, parsed once per connection (ADR 0020).
     * Turn off only behind a pooler that cannot keep them (PgBouncer before 1.21 in transaction mode).
     */
    DATABASE_PREPARED_STATEMENTS: booleanFlag.default(true),
    /** Events a projection applies per transaction. */
    PROJECTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
    /** A prefix for BullMQ queues, so that several deployments (or test runs) can share one Redis. */
    QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('lc'),

    /** The first admin, created on first start when no account has this username. */
    ADMIN_USERNAME: z.string().regex(/^[a-z0-9._-]{3,32}$/i, 'must be 3-32 letters, digits, dots, dashes or underscores').default('admin'),
    ADMIN_PASSWORD: z.string().default(DEFAULT_ADMIN_PASSWORD),
    /**
     * Signs access tokens. Every API replica needs the same one. Unset outside production: a random
     * one is made at start (see loadConfig), so sessions end when the process restarts.
     */
    JWT_SECRET: z
      .string()
      .min(16, 'must be at least 16 characters')
      .refine((secret) => secret !== PUBLISHED_JWT_SECRET, 'is the published development secret; set a random one, or leave it unset')
      .optional(),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Which X-Forwarded-For hops to believe for the client's address (login limits, rate limits, logs). */
    TRUST_PROXY: trustProxy.default(false),

    /** Failed logins of one username from one client address before that address is locked out of it. */
    LOGIN_LOCK_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
    /** How long such a lock lasts. */
    LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    /**
     * Failed logins of one username from all addresses together before each further attempt from an
     * address it never logged in from must wait (1 s, doubling, up to LOGIN_SLOWDOWN_MAX_SECONDS).
     */
    LOGIN_SLOWDOWN_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
    LOGIN_SLOWDOWN_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** Failed logins from one client address, whatever the usernames, before the address may not log in for the window. */
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(30),
    /** How long failures are counted. */
    LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),

    /**
     * Requests per RATE_LIMIT_WINDOW_SECONDS, shared by all replicas through Redis: from one client
     * address (every route), with one account's tokens, and to the routes that need no token
     * (login, refresh, logout) from one address.
     */
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(6000),
    RATE_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(3000),
    RATE_LIMIT_PUBLIC_PER_ADDRESS: z.coerce.number().int().min(1).default(120),

    /** Minutes within which an early-warning alert must be acknowledged (picked up), by grade; past that it is escalated. */
    ALERT_PICKUP_RED_MINUTES: z.coerce.number().int().min(1).max(10_080).default(120),
    ALERT_PICKUP_YELLOW_MINUTES: z.coerce.number().int().min(1).max(10_080).default(1440),

    /**
     * Seconds an Idempotency-Key stays reserved for a request that is being handled without its
     * process renewing the reservation (it renews every third of this while alive): after a crash,
     * the same request may run again this soon.
     */
    IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
    /** Days an Idempotency-Key and its answer are kept for replays; older keys are deleted hourly by the worker. */
    IDEMPOTENCY_KEY_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),

    /**
     * Wraps the per-person keys that encrypt names, ID numbers and phones in the event log
     * (crypto-shredding, docs/decisions/0012-personal-data-crypto-shredding.md). Losing it loses that data.
     */
    PERSONAL_DATA_MASTER_KEY: z
      .string()
      .refine((v) => decodeMasterKey(v) !== undefined, { message: 'must be 32 random bytes, base64 (44 characters) or hex (64)' })
      .default(DEFAULT_PERSONAL_DATA_MASTER_KEY),
    /** How long a process keeps a person's decrypted key in memory; an erasure reaches other processes within this. */
    PERSONAL_DATA_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),

    /** The largest evidence file (bytes) an upload may carry; larger ones are a 413 naming `file`. */
    EVIDENCE_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(20 * 1024 * 1024),
    /** Where evidence files' bytes are kept: `postgres` (a table in DATABASE_URL) or `s3` (an S3-compatible object store). */
    EVIDENCE_STORE: z.enum(['postgres', 's3']).default('postgres'),
    S3_ENDPOINT: urlWithProtocol(['http', 'https']).optional(),
    S3_BUCKET: z.string().min(3).default('labour-cases-evidence'),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production') {
      // A production service with a known secret is an open door: refuse to start.
      if (config.ADMIN_PASSWORD === DEFAULT_ADMIN_PASSWORD || config.ADMIN_PASSWORD.length < 12) {
        ctx.addIssue({
          code: 'custom',
          path: ['ADMIN_PASSWORD'],
          message: 'must be set to a strong password (12 characters or more, not the default) in production',
        });
      }
      if (config.JWT_SECRET === undefined || config.JWT_SECRET.length < 32) {
        ctx.addIssue({
          code: 'custom',
          path: ['JWT_SECRET'],
          message: 'must be set to a random secret of 32 characters or more in production',
        });
      }
      if (config.PERSONAL_DATA_MASTER_KEY === DEFAULT_PERSONAL_DATA_MASTER_KEY) {
        ctx.addIssue({
          code: 'custom',
          path: ['PERSONAL_DATA_MASTER_KEY'],
          message: 'must be set in production (32 random bytes: `openssl rand -base64 32`), never the development key',
        });
      }
    }
    if (config.EVIDENCE_STORE === 's3') {
      for (const name of ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!config[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when EVIDENCE_STORE=s3' });
      }
    }
    if (config.EVENT_STORE === 'kurrentdb' && !config.KURRENTDB_CONNECTION_STRING) {
      ctx.addIssue({
        code: 'custom',
        path: ['KURRENTDB_CONNECTION_STRING'],
        message: 'is required when EVENT_STORE=kurrentdb',
      });
    }
  })
  // No known secret by default: without JWT_SECRET (outside production, where it is required) each
  // start makes a random one. Tokens then end with a restart, and replicas must be given one.
  .transform(({ JWT_SECRET, ...config }) => ({
    ...config,
    JWT_SECRET: JWT_SECRET ?? randomBytes(32).toString('base64url'),
    /** True when JWT_SECRET was not set and the secret was made at start. */
    JWT_SECRET_GENERATED: JWT_SECRET === undefined,
  }));

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Treat empty strings as unset, the way a shell `export FOO=` usually means "no value".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`));
  }
  return result.data;
}

/** The Nest injection token of the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

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
const DEFAULT_JWT_SECRET = 'development-only-jwt-secret-do-not-use';
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
    /** Events a projection applies per transaction. */
    PROJECTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
    /** A prefix for BullMQ queues, so that several deployments (or test runs) can share one Redis. */
    QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('lc'),

    /** The first admin, created on first start when no account has this username. */
    ADMIN_USERNAME: z.string().regex(/^[a-z0-9._-]{3,32}$/i, 'must be 3-32 letters, digits, dots, dashes or underscores').default('admin'),
    ADMIN_PASSWORD: z.string().default(DEFAULT_ADMIN_PASSWORD),
    /** Signs access tokens. Every API replica needs the same one. */
    JWT_SECRET: z.string().min(16, 'must be at least 16 characters').default(DEFAULT_JWT_SECRET),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Failed logins allowed per username, and per client IP, within the window. */
    LOGIN_MAX_FAILURES_PER_USERNAME: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
    LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),

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
     * (crypto-shredding, docs/decisions/0008-personal-data-crypto-shredding.md). Losing it loses that data.
     */
    PERSONAL_DATA_MASTER_KEY: z
      .string()
      .refine((v) => decodeMasterKey(v) !== undefined, { message: 'must be 32 random bytes, base64 (44 characters) or hex (64)' })
      .default(DEFAULT_PERSONAL_DATA_MASTER_KEY),
    /** How long a process keeps a person's decrypted key in memory; an erasure reaches other processes within this. */
    PERSONAL_DATA_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
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
      if (config.JWT_SECRET === DEFAULT_JWT_SECRET || config.JWT_SECRET.length < 32) {
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
    if (config.EVENT_STORE === 'kurrentdb' && !config.KURRENTDB_CONNECTION_STRING) {
      ctx.addIssue({
        code: 'custom',
        path: ['KURRENTDB_CONNECTION_STRING'],
        message: 'is required when EVENT_STORE=kurrentdb',
      });
    }
  });

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

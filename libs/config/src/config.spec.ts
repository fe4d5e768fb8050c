import { ConfigError, DEFAULT_ADMIN_PASSWORD, DEFAULT_PERSONAL_DATA_MASTER_KEY, decodeMasterKey, loadConfig, PUBLISHED_JWT_SECRET } from './config';

const PRODUCTION_KEY = Buffer.alloc(32, 7).toString('base64');

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('has working defaults for a development machine', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgres://localhost:5432/labour_cases',
      REDIS_URL: 'redis://localhost:6379',
      EVENT_STORE: 'postgres',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: DEFAULT_ADMIN_PASSWORD,
    });
  });

  it('names every bad variable', () => {
    const problems = problemsOf({ PORT: 'abc', DATABASE_URL: 'mysql://x/y', REDIS_URL: 'redis' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'PORT', 'REDIS_URL']);
    expect(problemsOf({ EVENT_STORE: 'kurrentdb' })).toEqual(['KURRENTDB_CONNECTION_STRING: is required when EVENT_STORE=kurrentdb']);
  });

  it('refuses to run in production with the default or a weak admin password, or the default JWT secret', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).map((p) => p.split(':')[0])).toEqual(['ADMIN_PASSWORD', 'JWT_SECRET', 'PERSONAL_DATA_MASTER_KEY']);
    expect(
      problemsOf({ NODE_ENV: 'production', ADMIN_PASSWORD: 'short-pw', JWT_SECRET: 'x'.repeat(40), PERSONAL_DATA_MASTER_KEY: PRODUCTION_KEY }),
    ).toEqual([expect.stringMatching(/^ADMIN_PASSWORD: /)]);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        ADMIN_PASSWORD: 'a-long-and-private-passphrase',
        JWT_SECRET: 'y'.repeat(40),
        PERSONAL_DATA_MASTER_KEY: PRODUCTION_KEY,
      }).NODE_ENV,
    ).toBe('production');
  });

  it('takes the personal-data master key as 32 bytes in base64 or hex; development has a known default, production refuses it', () => {
    expect(decodeMasterKey(loadConfig({}).PERSONAL_DATA_MASTER_KEY)).toHaveLength(32);
    expect(loadConfig({}).PERSONAL_DATA_MASTER_KEY).toBe(DEFAULT_PERSONAL_DATA_MASTER_KEY);
    expect(decodeMasterKey('ab'.repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(decodeMasterKey(PRODUCTION_KEY)).toHaveLength(32);
    expect(problemsOf({ PERSONAL_DATA_MASTER_KEY: 'too-short' })).toEqual([expect.stringMatching(/^PERSONAL_DATA_MASTER_KEY: must be 32 random bytes/)]);
    expect(problemsOf({ PERSONAL_DATA_MASTER_KEY: Buffer.alloc(31).toString('base64') })).toHaveLength(1);
    expect(problemsOf({ NODE_ENV: 'production', ADMIN_PASSWORD: 'a-long-and-private-passphrase', JWT_SECRET: 'y'.repeat(40) })).toEqual([
      expect.stringMatching(/^PERSONAL_DATA_MASTER_KEY: must be set in production/),
    ]);
  });

  it('has no known JWT secret: without one it makes a random one at each start, and refuses the published one', () => {
    const first = loadConfig({});
    const second = loadConfig({});
    expect(first.JWT_SECRET_GENERATED).toBe(true);
    expect(first.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(second.JWT_SECRET).not.toBe(first.JWT_SECRET);
    expect(first.JWT_SECRET).not.toBe(PUBLISHED_JWT_SECRET);
    expect(loadConfig({ JWT_SECRET: 'z'.repeat(32) })).toMatchObject({ JWT_SECRET: 'z'.repeat(32), JWT_SECRET_GENERATED: false });
    expect(problemsOf({ JWT_SECRET: PUBLISHED_JWT_SECRET })).toEqual([expect.stringMatching(/^JWT_SECRET: is the published/)]);
    expect(problemsOf({ NODE_ENV: 'production', ADMIN_PASSWORD: 'a-long-and-private-passphrase', PERSONAL_DATA_MASTER_KEY: PRODUCTION_KEY })).toEqual([
      expect.stringMatching(/^JWT_SECRET: must be set/),
    ]);
  });

  it('trusts no proxy unless TRUST_PROXY says which', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.168.1.1' }).TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.1',
    ]);
    expect(problemsOf({ TRUST_PROXY: 'my-proxy' })).toEqual([expect.stringMatching(/^TRUST_PROXY: must be .*not my-proxy/)]);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/33' })).toEqual([expect.stringMatching(/^TRUST_PROXY: /)]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });
});

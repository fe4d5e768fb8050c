import { ConfigError, DEFAULT_ADMIN_PASSWORD, loadConfig } from './config';

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
    expect(problemsOf({ NODE_ENV: 'production' }).map((p) => p.split(':')[0])).toEqual(['ADMIN_PASSWORD', 'JWT_SECRET']);
    expect(problemsOf({ NODE_ENV: 'production', ADMIN_PASSWORD: 'short-pw', JWT_SECRET: 'x'.repeat(40) })).toEqual([
      expect.stringMatching(/^ADMIN_PASSWORD: /),
    ]);
    expect(loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'a-long-and-private-passphrase', JWT_SECRET: 'y'.repeat(40) }).NODE_ENV).toBe(
      'production',
    );
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });
});

import { AppConfig, ConfigError, loadConfig } from './config';

/**
 * For an entry point, before anything else starts: a bad setting stops the process at once with
 * exit code 1 and a message naming each bad variable, rather than a stack trace from deep inside.
 */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

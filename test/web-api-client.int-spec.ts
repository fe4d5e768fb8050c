import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The web application's typed client (apps/web/src/api) is generated from the API's own OpenAPI
 * document. Regenerating it from the built API must change nothing: a route or a request schema
 * changed without `npm run web:api` fails here, before a page calls an API that is not there.
 */
describe('the web API client', () => {
  it('is generated from the current OpenAPI document (npm run web:api)', () => {
    const root = join(__dirname, '..');
    const check = spawnSync(process.execPath, ['scripts/web-api.js', '--check'], { cwd: root, encoding: 'utf8' });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });
});

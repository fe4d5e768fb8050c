// Three projects: "unit" (pure domain, no I/O), "integration" (real PostgreSQL, Redis and the built apps)
// and "browser" (the built web application in Chromium, against the built apps).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const common = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
  rootDir: __dirname,
  // zod's messages in the API's words, as every process of the service has them (libs/http loads
  // this too): a schema's spec sees the messages the users see, whatever else it imports.
  setupFiles: ['<rootDir>/libs/http/src/validation/zod-messages.ts'],
};

module.exports = {
  // Integration suites start real processes and write thousands of events; unit tests finish in ms anyway.
  testTimeout: 120000,
  // Two suites at a time on CI's two cores: most of a suite's time is spent waiting on PostgreSQL,
  // Redis, the browser or a child process, and one at a time the run took 18 minutes. Each suite has
  // its own database, queue prefix and ports, and the tests are written for a busy machine.
  maxWorkers: 2,
  // A worker that ran the integration suites ends with a heap of about 1 GB (garbage V8 has not
  // needed to collect: with a collection forced after each file it stays under 300 MB), and the
  // process takes more than jest's default 500 ms to go once it has nothing left to run (its
  // 'exit' event fired within 1 ms of being asked, no handle open): jest then killed it and printed
  // "A worker process has failed to exit gracefully". A worker that leaks a handle still gets that
  // message, five seconds later.
  workerGracefulExitTimeout: 5000,
  projects: [
    // test/architecture.spec.ts: the import boundaries (.dependency-cruiser.cjs), no services needed.
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
    },
    // Fault and fuzz tests (issue 12): kill the built service, send hostile requests by the
    // thousand. `npm test` runs them with the rest; `npx jest --selectProjects faults` alone.
    { ...common, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'] },
    {
      // The web application in Debian's Chromium (Playwright) against the built API and worker.
      ...common,
      displayName: 'browser',
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/browser/tsconfig.json' }] },
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
    },
  ],
};

// The boundaries of the code (issue 13), checked by test/architecture.spec.ts in the unit tests
// (so `npm test` and CI run it) and by hand with
//   npx depcruise --config .dependency-cruiser.cjs apps libs
// docs/architecture.md draws the floors and explains the matrix below.
'use strict';

/*
 * Bounded contexts stand side by side. Each publishes up to three entry points, and nothing else of
 * it may be imported by another lib:
 *   libs/<context>/src/index.ts       its Nest module, commands, queries, read-model entities (@lc/<context>)
 *   libs/<context>/src/domain.ts      its pure deciders, events and stream ids (@lc/<context>/domain)
 *   libs/<context>/src/migrations.ts  the migrations of its tables (@lc/<context>/migrations), for libs/migrations
 */
const CONTEXTS = [
  'accounts',
  'alerts',
  'audit-trail',
  'clocks',
  'disputes',
  'documents',
  'evidence',
  'imports',
  'mediations',
  'notifications',
  'personal-data',
  'reporting',
  'workload',
];

/*
 * Which contexts a context may use, through their published entry points, and why. A context not
 * named may not be imported at all. Supporting contexts (accounts for mediators and accounts,
 * notifications for notifiers, personal-data for erasure, audit-trail for timelines) serve the
 * others; the core contexts (disputes, mediations, alerts) never import each other except where a
 * command of one opens a record of another (an alert converted opens a dispute case) or a page shows
 * records of several (an enterprise's alerts, cases and mediations). Nothing may import imports,
 * reporting, workload or clocks: they only read others' events or send others' commands.
 */
const ALLOWED = {
  accounts: ['notifications'],
  alerts: ['accounts', 'audit-trail', 'disputes', 'documents', 'mediations', 'notifications', 'personal-data'],
  'audit-trail': [],
  clocks: ['notifications'],
  disputes: ['accounts', 'audit-trail', 'notifications', 'personal-data'],
  documents: ['disputes', 'mediations', 'personal-data'],
  evidence: ['alerts', 'disputes', 'mediations', 'personal-data'],
  imports: ['accounts', 'disputes', 'mediations'],
  mediations: ['accounts', 'audit-trail', 'notifications', 'personal-data'],
  notifications: [],
  'personal-data': [],
  reporting: [],
  workload: [],
};

/* The floors below the contexts: pure (no Nest, no I/O), then infrastructure, then the HTTP edge. */
const PURE_LIBS = ['decider', 'parties', 'access', 'reference-data'];
const INFRASTRUCTURE_LIBS = ['config', 'database', 'event-store', 'projections', 'redis'];
const INFRASTRUCTURE_PACKAGES = '^node_modules/(@nestjs/|typeorm/|express/|pg/|ioredis/|bullmq/|@kurrent/|nestjs-pino/)';

/* Tests may reach into what they test (a projection runner's test uses the audit trail's projection). */
const TESTS = '\\.(spec|int-spec|e2e-spec)\\.ts$';

/* Each lib's published list of migrations and the migration files beside the tables they change. */
const MIGRATION_FILES = ['^libs/[^/]+/src/migrations\\.ts$', '^libs/[^/]+/src/.*migrations/[^/]+\\.ts$'];

const lib = (names) => `^libs/(${names.join('|')})/`;
const published = (name) => `^libs/${name}/src/(index|domain|migrations)\\.ts$`;

/** The domain: deciders, the contexts' published pure entry points and the pure floor. */
const DOMAIN = ['\\.decider\\.ts$', '^libs/[^/]+/src/domain\\.ts$', `${lib(PURE_LIBS)}src/`];

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes load order matter and layers meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      comment:
        'Deciders, domain.ts and libs/decider, parties, access and reference-data load no Nest, TypeORM, express, pg, ' +
        'ioredis or BullMQ, directly or through anything they import (a barrel that loads a module graph included).',
      severity: 'error',
      from: { path: DOMAIN, pathNot: '\\.spec\\.ts$' },
      to: { path: INFRASTRUCTURE_PACKAGES, reachable: true },
    },
    {
      name: 'pure-floor-stays-down',
      comment: 'libs/decider, parties, access and reference-data import only each other.',
      severity: 'error',
      from: { path: `${lib(PURE_LIBS)}src/`, pathNot: '\\.spec\\.ts$' },
      to: { path: '^(libs|apps)/', pathNot: `${lib(PURE_LIBS)}src/` },
    },
    {
      name: 'infrastructure-knows-no-context',
      comment: 'config, database, event-store, projections, redis and http are below every context.',
      severity: 'error',
      from: { path: lib([...INFRASTRUCTURE_LIBS, 'http']), pathNot: TESTS },
      to: { path: lib([...CONTEXTS, 'demo', 'migrations']) },
    },
    {
      name: 'no-context-internals',
      comment:
        'A lib imports another context only through its published entry points (src/index.ts, src/domain.ts, ' +
        'src/migrations.ts).',
      severity: 'error',
      from: { path: '^libs/([^/]+)/', pathNot: TESTS },
      to: {
        path: lib(CONTEXTS),
        pathNot: ['^libs/$1/', ...CONTEXTS.map(published)],
      },
    },
    ...CONTEXTS.map((context) => ({
      name: `context-matrix-${context}`,
      comment: `${context} may import only ${ALLOWED[context].join(', ') || 'no other context'} (docs/architecture.md).`,
      severity: 'error',
      from: { path: `^libs/${context}/`, pathNot: TESTS },
      to: { path: lib(CONTEXTS.filter((other) => other !== context && !ALLOWED[context].includes(other))) },
    })),
    {
      name: 'apps-and-demo-on-top',
      comment: 'Nothing in libs imports an app or the demo (the demo composes the contexts, like an app).',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/demo/' },
      to: { path: ['^apps/', '^libs/demo/'] },
    },
    {
      name: 'migrations-assembled-on-top',
      comment:
        'libs/migrations gathers every lib\'s migrations into the one list, above the contexts: only the apps, the ' +
        'demo and libs/testing (which migrate databases) use it.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/(demo|testing|migrations)/' },
      to: { path: '^libs/migrations/' },
    },
    {
      name: 'migrations-load-no-module-graph',
      comment:
        'A migration, a lib\'s src/migrations.ts and libs/migrations import migration files and plain code only, never ' +
        'a barrel or a Nest module: `worker migrate` loads them all and must stay light.',
      severity: 'error',
      from: { path: [...MIGRATION_FILES, '^libs/migrations/src/'], pathNot: TESTS },
      to: {
        path: ['^libs/[^/]+/src/index\\.ts$', '\\.(module|controller|processor)\\.ts$'],
        // The Migration type from libs/database (a type, erased from the built code).
        pathNot: '^libs/database/src/index\\.ts$',
      },
    },
  ],
  options: {
    // Type-only imports count: a decider that takes one type from a barrel still depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '^apps/web/'] },
    includeOnly: { path: ['^apps/', '^libs/', '^node_modules/', '^test/fixtures/'] },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
    moduleSystems: ['cjs', 'es6'],
    // node_modules may be a symlink (a git worktree sharing the main checkout's): resolved through
    // the link, packages stay under ^node_modules/ and the rules about them still apply.
    preserveSymlinks: true,
  },
};

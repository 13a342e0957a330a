// Nest 12 ships ESM only; Jest on Node 20 needs @nestjs/*, cookie and content-disposition (@fastify/static) compiled to CommonJS by swc.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs', ignoreDynamic: false },
  },
];

const shared = {
  testEnvironment: 'node',
  rootDir: '.',
  transform: { '^.+\\.(t|j)s$': swc },
  // src/metadata.ts (generated) imports with explicit .js extensions, as nodenext requires.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|cookie|content-disposition)/)'],
};

/**
 * Two tiers, run one after the other by `npm test`:
 * - unit: pure logic beside its source (`src/**\/*.spec.ts`), no database, no global setup;
 * - e2e: the whole app on Fastify against a real PostgreSQL (`test/**\/*.e2e-spec.ts`). The global setup
 *   starts the server (or uses DATABASE_URL) and migrates a template database once; each spec file's
 *   database is a copy of it.
 */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testRegex: 'src/.*\\.spec\\.ts$' },
    {
      ...shared,
      displayName: 'e2e',
      testRegex: 'test/.*\\.e2e-spec\\.ts$',
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
  // Both are run-wide options (Jest ignores them inside a project): two cores, and e2e hooks that boot apps.
  testTimeout: 30000,
  maxWorkers: 2,
};

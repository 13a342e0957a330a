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

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  testRegex: 'test/.*\\.(e2e-)?spec\\.ts$',
  transform: { '^.+\\.(t|j)s$': swc },
  // src/metadata.ts (generated) imports with explicit .js extensions, as nodenext requires.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|cookie|content-disposition)/)'],
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 30000,
  maxWorkers: 2,
};

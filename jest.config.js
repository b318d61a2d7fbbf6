// Jest 30 in native ESM mode (run through `node --experimental-vm-modules`, see package.json),
// TypeScript compiled by @swc/jest with legacy decorators and metadata for NestJS.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc, '^.+/node_modules/content-disposition/.+\\.js$': swc },
  // content-disposition 3 ships ESM only and is required by @fastify/static (CommonJS):
  // Jest on Node 20 cannot require(esm), so that one package is compiled to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  // Sources import siblings as `./x.js` (NodeNext); map them back to the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  // Pinned time zone: every date in the tests is computed in UTC.
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      testTimeout: 60000,
    },
    {
      // Property-based fuzzing of every OpenAPI request body: `npm run test:fuzz`.
      ...common,
      displayName: 'fuzz',
      testMatch: ['<rootDir>/test/fuzz/*.fuzz-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      testTimeout: 60000,
    },
    {
      // Fault tests run the built service (dist/) in child processes: `npm run test:faults`.
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      testTimeout: 180000,
    },
  ],
};

// Mutation testing (issue 12): one module at a time, so a run fits a 2-core machine.
// `npm run test:mutation -- crawl/address` mutates src/crawl/address.ts and runs only the test files
// listed for it below; `npm run test:mutation` runs every module in turn (scripts/mutation.mjs).
// Each test file is one "test" to Stryker's tap runner, so coverage is per file.
import { mutationModules } from './scripts/mutationModules.mjs';

const name = process.env.XINZHI_MUTATE ?? 'crawl/address';
const entry = mutationModules[name];
if (!entry) throw new Error(`stryker.config.mjs: no module ${name} in scripts/mutationModules.mjs`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'tap',
  plugins: ['@stryker-mutator/tap-runner'],
  mutate: entry.mutate,
  tap: {
    testFiles: entry.tests,
    nodeArgs: ['--import', 'tsx', '--test-reporter=tap', '-r', '{{hookFile}}', '{{testFile}}'],
  },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: `reports/mutation/${name.replace(/\//g, '-')}.json` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  ignorePatterns: ['data', 'out', 'reports', 'tmp', '.stryker-tmp'],
  thresholds: { high: 90, low: 80, break: null },
};

// Which source files each mutation-tested module is, and which test files pin its rules.
// Only these tests run against a module's mutants: the end-to-end tests would also kill many,
// but a rule should be pinned by a test that names it, and they are too slow to run per mutant.
export const mutationModules = {
  'brief/verify': { mutate: ['src/brief/verify.ts', 'src/brief/figures.ts'], tests: ['test/verify.test.ts', 'test/figures.test.ts'] },
  'brief/untrusted': { mutate: ['src/brief/untrusted.ts'], tests: ['test/untrusted.test.ts'] },
  'brief/select': { mutate: ['src/brief/select.ts'], tests: ['test/select.test.ts'] },
  'analyze/storyGroups': { mutate: ['src/analyze/storyGroups.ts'], tests: ['test/storyGroups.test.ts'] },
  'analyze/significance': { mutate: ['src/analyze/significance.ts'], tests: ['test/significance.test.ts'] },
  'analyze/origin': { mutate: ['src/analyze/origin.ts'], tests: ['test/origin.test.ts'] },
  'crawl/address': { mutate: ['src/crawl/address.ts'], tests: ['test/crawlRules.test.ts'] },
  'crawl/politeness': { mutate: ['src/crawl/politeness.ts'], tests: ['test/crawlRules.test.ts', 'test/crawler.test.ts'] },
  'crawl/robots': { mutate: ['src/crawl/robots.ts'], tests: ['test/crawlRules.test.ts', 'test/crawler.test.ts'] },
  'util/retry': { mutate: ['src/util/retry.ts'], tests: ['test/crawlRules.test.ts', 'test/crawler.test.ts'] },
  'crawl/warc': { mutate: ['src/crawl/warc.ts'], tests: ['test/archive.test.ts'] },
  store: { mutate: ['src/store/*.ts'], tests: ['test/store.test.ts', 'test/archive.test.ts'] },
  'extract/date': { mutate: ['src/extract/date.ts'], tests: ['test/extractDate.test.ts'] },
  'extract/docNumber': { mutate: ['src/extract/docNumber.ts'], tests: ['test/docNumber.test.ts'] },
  render: { mutate: ['src/render/*.ts', 'src/util/escape.ts', 'src/pipeline/recheck.ts'], tests: ['test/render.test.ts', 'test/renderPdf.test.ts', 'test/renderGuard.test.ts'] },
};

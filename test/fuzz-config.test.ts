/**
 * Property-based tests of the config loader (config/load.ts) on random YAML documents and on mutations of
 * the real config files (issue 15, fuzzing): whatever the files hold, loading gives a valid config or a
 * UserError of one line that names the file, never another exception or a stack. test/fuzzing.ts says how
 * to run them longer.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { loadConfig, loadSources } from '../src/config/load.ts';
import { UserError } from '../src/util/errors.ts';
import { hostileChars, mutated, settings, withinBudget } from './fuzzing.ts';
import { repoRoot, tempDir } from './helpers.ts';

/** The budget of one load of the whole config (four files and a catalog of three, about 1 100 lines). */
const LOAD_MS = 1000;

const configDir = join(repoRoot, 'config');
/** The bundled config's files by their path in its folder, and their text. */
const files: Record<string, string> = Object.fromEntries(
  ['xinzhi.yaml', 'themes.yaml', 'bodies.yaml', ...readdirSync(join(configDir, 'sources')).map((f) => `sources/${f}`)].map((file) => [file, readFileSync(join(configDir, file), 'utf8')]),
);

/** A copy of the bundled config, in a folder of this file's own (removed when the file's tests end). */
const copy = join(tempDir('xinzhi-fuzz-config-'), 'config');
mkdirSync(join(copy, 'sources'), { recursive: true });
for (const file of Object.keys(files)) copyFileSync(join(configDir, file), join(copy, file));

/** The copy of the bundled config with one file's text replaced (the others as bundled); the path of its main file. */
function configWith(name: string, text: string): { dir: string; main: string } {
  for (const [file, original] of Object.entries(files)) writeFileSync(join(copy, file), file === name ? text : original);
  return { dir: copy, main: join(copy, 'xinzhi.yaml') };
}

/**
 * What loading must give: a config, or a UserError whose Chinese and English lines are one line each and
 * name a file or folder of the config. Anything else thrown fails the property with its stack.
 */
function assertLoadsOrNamesTheFile(dir: string, load: () => unknown): void {
  try {
    withinBudget(LOAD_MS, 'loadConfig', load);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    for (const line of [err.message, err.en]) {
      assert.ok(!/[\r\n\u2028\u2029]/.test(line), `more than one line: ${JSON.stringify(line)}`);
      // The config's own files, or a file a key of it names (themes: /etc/passwd).
      assert.ok(line.includes(dir) || /(?:^|\s)\/[^\s：]+/.test(line), `names no file: ${line}`);
      assert.ok(line.length < 2000, `a line of ${line.length} characters`);
    }
  }
}

/** Pieces of YAML that parsers and schemas trip on: indicators, anchors and aliases, tags, odd scalars, odd keys. */
const yamlPieces = fc.oneof(
  fc.constantFrom(
    ': ', '- ', '? ', '{', '}', '[', ']', ',', '&a ', '*a', '*nowhere', '<<: *a', '!!binary ', '!!str ', '!!int ', '!!map ', '!!set ', '!foo ', '!<tag:x> ',
    '|', '>-', '|+', '%YAML 1.1\n', '%TAG ! tag:x:\n', '---\n', '...\n', '\t', '  ', '\n', '\n  ', '\n- ', '#', '"', "'", '"\\u00', "'''", '\\',
    '~', 'null', 'true', 'no', 'on', 'yes', '.nan', '.inf', '-.inf', '0x1F', '0o17', '1e400', '-0', '12:30:00', '2025-11-18', '2025-11-18T10:00:00Z', '=',
    'selection:', 'maxItems: -1', 'minItems: 99', 'windowDays: 0', 'kind: llm', 'type: api', 'type: nonsense', 'url: not a url', 'disabled: true', 'tier: media',
    'themes: /etc/passwd', 'sources: ../../', 'bodies: missing.yaml', 'id: Bad Id', 'entries: []', 'evidence: []', 'method: GET\n    body: x', '"a\\nb": 1', '? [a, b]\n: c',
  ),
  fc.constantFrom(...hostileChars),
  fc.integer({ min: 1, max: 3000 }).map((n) => '['.repeat(n)),
  fc.integer({ min: 1, max: 3000 }).map((n) => '- '.repeat(n)),
  fc.integer({ min: 1, max: 50 }).map((n) => `a: &a [${'*a, '.repeat(n)}]`),
  fc.integer({ min: 1, max: 5000 }).map((n) => `k${'x'.repeat(n)}: 1`),
);

/** A document of random values under the keys the schema reads, and others, as YAML. */
const schemaKeys = ['lang', 'brief', 'title', 'topicName', 'publisher', 'footer', 'qrImage', 'themes', 'sources', 'bodies', 'selection', 'minItems', 'maxItems', 'windowDays', 'crawl', 'writer', 'kind', 'llm', 'baseUrl', 'model', 'render', 'formats', 'fontPaths', 'assetsDir', 'id', 'name', 'tier', 'region', 'homepage', 'entries', 'type', 'url', 'items', 'fields', 'body', 'method', 'topic', 'keywords', 'provinces', 'place', 'code', 'sites', 'x'];
const randomDocument = fc
  .letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('https://x.gov.cn/', 'national', 'list', 'zh', 'extractive')),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...schemaKeys), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 5 }),
    ),
  }))
  .value.map((value) => stringify(value));

/** A real file with one value set to a random one at a random path: a key dropped, a wrong type, an unknown key. */
function replacedValue(text: string): fc.Arbitrary<string> {
  return fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.oneof(fc.constant(undefined), fc.anything({ maxDepth: 2 })), fc.boolean()).map(([path, value, addKey]) => {
    const doc: unknown = parse(text);
    let node = doc as Record<string, unknown> | unknown[];
    for (const step of path.slice(0, -1)) {
      const keys = Object.keys(node);
      const next = keys.length > 0 ? (node as Record<string, unknown>)[keys[step % keys.length]!] : undefined;
      if (next === null || typeof next !== 'object') break;
      node = next as Record<string, unknown>;
    }
    const keys = Object.keys(node);
    const key = addKey || keys.length === 0 ? `unknown${path[0]}` : keys[path[path.length - 1]! % keys.length]!;
    if (value === undefined) delete (node as Record<string, unknown>)[key];
    else (node as Record<string, unknown>)[key] = value;
    try {
      return stringify(doc);
    } catch {
      // A value YAML cannot write (a symbol, a function): the file unchanged.
      return text;
    }
  });
}

const fileName = fc.constantFrom(...Object.keys(files));

/** The property of every config load: one file of the bundled config replaced by `text` loads, or names the file. */
function loadsOrNamesTheFile(files: fc.Arbitrary<{ name: string; text: string }>, name: string, runs: number): void {
  fc.assert(
    fc.property(files, ({ name: file, text }) => {
      const { dir, main } = configWith(file, text);
      assertLoadsOrNamesTheFile(dir, () => loadConfig(main));
      if (file.startsWith('sources/')) assertLoadsOrNamesTheFile(dir, () => loadSources(join(dir, 'sources')));
    }),
    settings(name, runs),
  );
}

describe('fuzz: the config loader', () => {
  it('loads a mutated real config file, or names the file in one line', () => {
    loadsOrNamesTheFile(fileName.chain((name) => mutated(fc.constant(files[name]!), yamlPieces, 4).map((text) => ({ name, text }))), 'config mutated', 60);
  });

  it('loads a real config file with a value replaced, or names the file and the key in one line', () => {
    loadsOrNamesTheFile(fileName.chain((name) => replacedValue(files[name]!).map((text) => ({ name, text }))), 'config replaced', 60);
  });

  it('loads a random YAML document as any of the files, or names the file in one line', () => {
    const text = fc.oneof(randomDocument, fc.array(yamlPieces, { maxLength: 30 }).map((p) => p.join('')), fc.string({ unit: 'binary', maxLength: 200 }));
    loadsOrNamesTheFile(fc.record({ name: fileName, text }), 'config random', 60);
  });
});

describe('fuzz: found by fuzzing (regressions)', () => {
  /** The UserError loading a config whose main file holds `text`. */
  function loadError(text: string): UserError {
    const { main } = configWith('xinzhi.yaml', text);
    try {
      loadConfig(main);
    } catch (err) {
      if (err instanceof UserError) return err;
      throw err;
    }
    assert.fail('loaded');
  }

  it('reads a YAML alias that holds itself (a: &a [*a]) without running out of stack, and names the file', () => {
    assert.match(loadError('a: &a [*a, ]\n').message, /^配置文件 \S+xinzhi\.yaml 的键/);
    assert.match(loadError('brief: &b { apiKey: x, self: *b }\n').message, /brief\.apiKey 写入了密钥本身/);
  });

  it('quotes a parser\'s message cut to a line of its own, where it quoted thousands of characters of the file', () => {
    const error = loadError(`|+${'['.repeat(5000)}`);
    assert.match(error.message, /^配置文件 \S+xinzhi\.yaml 不是合法的 YAML：Block scalar header includes extra characters: .{1,160}…$/);
    assert.ok(error.message.length < 300 && error.en.length < 300);
  });

  it('cuts a key of thousands of characters, and a key with a line break, to one short line', () => {
    for (const key of ['k'.repeat(5000), '"a\\nb"']) {
      const error = loadError(`${readFileSync(join(configDir, 'xinzhi.yaml'), 'utf8')}\nselection:\n  ${key}: 1\n`.replace(/^selection:\n(?: {2}.*\n)+/m, ''));
      assert.ok(!/\n/.test(error.message) && error.message.length < 400, error.message);
    }
  });

  it('refuses a tag it does not know (!foo) in one line naming the file, where yaml printed a warning of several lines and went on', () => {
    const text = readFileSync(join(configDir, 'xinzhi.yaml'), 'utf8').replace('title: 新质生产力每日动态', 'title: !foo 新质生产力每日动态');
    assert.match(loadError(text).message, /^配置文件 \S+xinzhi\.yaml 不是合法的 YAML：Unresolved tag: !foo at line \d+, column \d+$/);
  });
});

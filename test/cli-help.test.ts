import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { commandSpecs, optionSpecs } from '../src/cli/commands.ts';
import { main } from '../src/cli/main.ts';
import { databaseError } from '../src/store/sqlite.ts';
import { UserError } from '../src/util/errors.ts';
import { repoRoot, runCli, tempDir } from './helpers.ts';
import { onPostgres } from './storeFor.ts';

/** Runs the CLI in this process, collecting what it prints; stderr is the caller's to watch. */
async function printed(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(argv, (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

describe('a command line people learn from itself', () => {
  it('--help and help list every command, exit 0; no command at all is a usage error', async () => {
    for (const argv of [['--help'], ['help'], ['-h']]) {
      const { code, out } = await printed(argv);
      assert.equal(code, 0);
      for (const name of Object.keys(commandSpecs)) assert.match(out, new RegExp(`^  ${name} +\\S`, 'm'), `${name} listed`);
    }
    assert.equal((await printed([])).code, 2);
  });

  it('COMMAND --help names every option the command takes, in the language asked', async () => {
    for (const [name, spec] of Object.entries(commandSpecs)) {
      const zh = await printed([name, '--help']);
      assert.equal(zh.code, 0);
      assert.match(zh.out, new RegExp(`^用法：xinzhi ${name} `));
      for (const option of [...spec.options, 'config', 'data', 'lang']) assert.match(zh.out, new RegExp(`--${option}\\b`), `${name} --${option}`);
      const en = await printed(['help', name, '--lang', 'en']);
      assert.match(en.out, new RegExp(`^usage: xinzhi ${name} `));
      assert.doesNotMatch(en.out, /[\u4e00-\u9fff]/, `${name}: no Chinese under --lang en`);
    }
    // Options the earlier help never named.
    assert.match((await printed(['run', '--help'])).out, /--replay 归档 +重放 WARC/);
    assert.match((await printed(['sources', '--help'])).out, /--source 编号,… +只处理这些来源[\s\S]*--update/);
  });

  it('--version answers with the package version', async () => {
    const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    assert.deepEqual(await printed(['--version']), { code: 0, out: `xinzhi ${version}` });
  });

  it('refuses what a command does not take, in Chinese by default and English with --lang en', async () => {
    const foreign = await runCli(['run', '--update', '--date', '2026-06-19']);
    assert.equal(foreign.code, 1);
    assert.equal(foreign.stderr, 'xinzhi: 命令 run 不接受选项 --update（xinzhi run --help 列出其选项）\n');
    const extra = await runCli(['verify', 'a.json', 'b.json', '--lang', 'en']);
    assert.equal(extra.stderr, 'xinzhi: usage: xinzhi verify BRIEF.json\n');
    // node:util's own messages are English only: none leaks into Chinese.
    for (const [argv, zh] of [
      [['run', '--frobnicate'], '未知选项 --frobnicate'],
      [['run', '--date'], '选项 --date 缺少值'],
      [['run', '--json=yes'], '选项 --json 不带值'],
    ] as const) {
      const result = await runCli([...argv]);
      assert.equal(result.code, 1);
      assert.match(result.stderr, new RegExp(`^xinzhi: ${zh}`));
      assert.doesNotMatch(result.stderr, /[A-Z][a-z]+ option|argument/);
      const english = await runCli([...argv, '--lang', 'en']);
      assert.doesNotMatch(english.stderr, /[\u4e00-\u9fff]/);
    }
  });

  it('every option the parser knows is taken by some command, and described in both languages', () => {
    const taken = new Set<string>(['config', 'data', 'lang', 'help', 'version', 'host', 'port']);
    for (const spec of Object.values(commandSpecs)) for (const option of spec.options) taken.add(option);
    for (const [name, spec] of Object.entries(optionSpecs)) {
      assert.ok(taken.has(name), `--${name} belongs to no command`);
      assert.ok(spec.help.zh && spec.help.en, `--${name} described`);
    }
  });

  it('commands that only read never create a data folder; sources status reads in English under --lang en', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const status = await runCli(['sources', 'status', '--lang', 'en', '--data', data]);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^\S+\tlast success never\tdocuments 0\t/m);
    // The catalog's own words (a disabled source's reason) are data; every label is English.
    assert.doesNotMatch(status.stdout.replace(/\tdisabled: .*/g, ''), /[\u4e00-\u9fff]/);
    const explain = await runCli(['explain', '--date', '2026-06-19', '--data', data]);
    // SQLite's store is a file of the data folder, named when missing; PostgreSQL's is always there.
    if (!onPostgres) assert.equal(explain.stderr, `xinzhi: 数据库 ${join(data, 'xinzhi.sqlite')} 不存在：先运行 xinzhi run 或 xinzhi import\n`);
    assert.equal(existsSync(data), false);
  });

  it('a config key that names a missing file is named when the config is read, by any command', async () => {
    const dir = tempDir();
    cpSync(join(repoRoot, 'config'), join(dir, 'config'), { recursive: true });
    const config = join(dir, 'config', 'xinzhi.yaml');
    const original = readFileSync(config, 'utf8');
    writeFileSync(config, original.replace(/^themes: themes\.yaml/m, 'themes: gone.yaml'));
    const themes = await runCli(['sources', 'list', '--config', config]);
    assert.match(themes.stderr, /^xinzhi: 配置键 themes 指向的文件 .*gone\.yaml 无法读取（ENOENT）\n$/);
    writeFileSync(config, original.replace('qrImage: null', 'qrImage: gone.png'));
    const qr = await runCli(['sources', 'list', '--config', config, '--lang', 'en']);
    assert.match(qr.stderr, /^xinzhi: config key brief\.footer\.qrImage: .*gone\.png/);
  });

  it('a config error reads wholly in Chinese, or wholly in English with --lang en: zod\'s words and the schemas\' own', async () => {
    const dir = tempDir();
    cpSync(join(repoRoot, 'config'), join(dir, 'config'), { recursive: true });
    const config = join(dir, 'config', 'xinzhi.yaml');
    const original = readFileSync(config, 'utf8');
    const cases: [string, RegExp][] = [
      [original.replace('maxItems: 7', 'maxItems: many'), /selection\.maxItems 无效：无效输入/],
      [`${original}\nsite:\n  slug: Not_A_Slug\n`, /site\.slug 无效：只能用小写字母、数字和连字符/],
      [original.replace('  formats: [', '  pdf: { theme: { accent: "red; }" } }\n  formats: ['), /render\.pdf\.theme\.accent 无效：应为 #rrggbb 形式的颜色/],
    ];
    for (const [text, zh] of cases) {
      writeFileSync(config, text);
      const chinese = await runCli(['sources', 'list', '--config', config]);
      assert.match(chinese.stderr, zh);
      assert.doesNotMatch(chinese.stderr.replace(/\/\S+/g, ''), /[a-z]{4,} [a-z]{3,}/, 'no English sentence in Chinese mode');
      const english = await runCli(['sources', 'list', '--config', config, '--lang', 'en']);
      assert.doesNotMatch(english.stderr, /[\u4e00-\u9fff]/);
    }
  });

  it('a database the store cannot write is named by its file', () => {
    const err = databaseError(new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY'), '/srv/xinzhi/data');
    assert.ok(err instanceof UserError);
    assert.equal(err.message, '数据库 /srv/xinzhi/data/xinzhi.sqlite 出错（SQLITE_READONLY）：attempt to write a readonly database');
    const other = new Error('x');
    assert.equal(databaseError(other, '/d'), other);
  });
});

describe('the package', () => {
  it('npm pack ships the compiled CLI with what it reads at run time, and no tests', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' })) as { files: { path: string }[] }[];
    const files = new Set(pack!.files.map((f) => f.path));
    for (const needed of ['bin/xinzhi.js', 'dist/cli/main.js', 'dist/.built', 'dist/render/brief.typ', 'config/xinzhi.yaml', 'config/bodies.yaml', 'samples/2026-06-18/catalog.yaml', 'package.json']) {
      assert.ok(files.has(needed), `${needed} in the package`);
    }
    assert.ok(![...files].some((f) => f.startsWith('test/') || f.startsWith('src/')), 'no tests or sources');
  });
});

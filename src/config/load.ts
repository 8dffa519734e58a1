import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { linePart, UserError } from '../util/errors.ts';
import { chineseMessage } from './messages.ts';
import { literalSecretKeys } from '../util/secrets.ts';
import { bodiesFileSchema, configSchema, DEFAULT_LLM_KEY_ENV, sourceFileSchema, themesFileSchema, type BodiesFile, type Config, type Source, type Taxonomy } from './schema.ts';

/** The config bundled with xinzhi: the brief 新质生产力每日动态 and its catalog. */
export const defaultConfigPath = fileURLToPath(new URL('../../config/xinzhi.yaml', import.meta.url));
/** The registry of issuing bodies bundled with xinzhi: China's official bodies do not change with the brief. */
export const defaultBodiesPath = fileURLToPath(new URL('../../config/bodies.yaml', import.meta.url));

export interface LoadedConfig {
  file: string;
  config: Config;
  taxonomy: Taxonomy;
  sources: Source[];
  /** The registry of issuing bodies and site names. */
  bodies: BodiesFile;
  /** The catalog file each source is written in, by source id. */
  sourceFiles: Map<string, string>;
  /**
   * Set for a brief of config/briefs/ (src/config/briefs.ts), absent for the main config: then `sources`
   * is the brief's part of the catalog, and its issue reads only their documents.
   */
  scope?: BriefScope;
}

/** What makes a LoadedConfig one brief among several that share one crawl and one archive (issue 18). */
export interface BriefScope {
  /** The brief's id: its file's name without .yaml (config/briefs/<id>.yaml). */
  id: string;
  /** The brief file, for messages. */
  file: string;
  /** The whole shared catalog: every body's names still identify the documents a brief reads. */
  catalog: Source[];
  /** Whether the brief reads every source (`sources: all`): then no document is left out, imported ones included. */
  allSources: boolean;
}

/** A YAML file parsed; `key` is the config key that named the file (themes, bodies), for the error when it cannot be read. Throws a one-line UserError naming the file. */
export function readYaml(file: string, key?: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    if (key) throw new UserError(`配置键 ${key} 指向的文件 ${file} 无法读取（${code}）`, `config key ${key}: cannot read ${file} (${code})`);
    throw new UserError(`无法读取配置文件 ${file}（${code}）`, `cannot read config file ${file} (${code})`);
  }
  let problem: unknown;
  try {
    const document = parseDocument(text);
    // A warning (an unknown tag such as !foo) is a mistake in the file too: yaml's parse() would print it
    // to stderr, over several lines, and go on.
    problem = document.errors[0] ?? document.warnings[0];
    if (!problem) return document.toJS();
  } catch (err) {
    // Aliases past the limit (a billion-laughs file), or nesting deeper than the stack.
    problem = err;
  }
  // yaml's message is a line ending in a colon, then the lines of the file it quotes.
  const message = problem instanceof Error ? problem.message : String(problem);
  const reason = linePart((message.split('\n')[0] ?? '').replace(/:$/, ''));
  throw new UserError(`配置文件 ${file} 不是合法的 YAML：${reason}`, `config file ${file} is not valid YAML: ${reason}`);
}

/**
 * Validates YAML against a schema; the error names the file and the key path, in Chinese and in English
 * (zod's own words through its zh-CN locale, the schemas' own through chineseMessage). Returns the parsed
 * value; throws UserError, one line. Exported for the desk, which checks a catalog entry before writing it.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, file: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const zhIssue = schema.safeParse(value, { error: z.locales.zhCN().localeError }).error?.issues[0];
  const path = issue && issue.path.length > 0 ? linePart(namedPath(value, issue.path)) : null;
  const message = linePart(issue?.message ?? 'invalid');
  const zhMessage = linePart(chineseMessage(zhIssue?.message ?? message));
  throw new UserError(`配置文件 ${file} 的键 ${path ?? '(根)'} 无效：${zhMessage}`, `config file ${file}: key ${path ?? '(root)'} is invalid: ${message}`);
}

/**
 * A key path as a reader finds it in the file: a list element that has an `id` or `name` (a source, a
 * channel, a theme) is named by it beside its index — `publish.channels.3(leaders-mail).secret`,
 * `3(sz-gxj).tier` — since nobody counts list items in YAML.
 */
function namedPath(value: unknown, path: readonly PropertyKey[]): string {
  let node: unknown = value;
  return path
    .map((key) => {
      node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
      const named = typeof key === 'number' && node !== null && typeof node === 'object' ? ((node as { id?: unknown }).id ?? (node as { name?: unknown }).name) : undefined;
      return typeof named === 'string' && named !== '' ? `${String(key)}(${named})` : String(key);
    })
    .join('.');
}

/**
 * The source catalog: every *.yaml and *.yml file of a folder, in name order (or one file), each a list
 * of sources. Returns them with the file each is written in, by id. Throws UserError, one line naming the
 * file (and the key), when the folder cannot be read, a file is no YAML or breaks the schema, two sources
 * share an id, or there is no source at all.
 */
export function loadSources(dir: string): { sources: Source[]; sourceFiles: Map<string, string> } {
  let files: string[];
  try {
    files = statSync(dir).isDirectory()
      ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f))
      : [dir];
  } catch {
    throw new UserError(`找不到来源目录 ${dir}（配置键 sources）`, `source catalog not found: ${dir} (config key sources)`);
  }
  const sources: Source[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    for (const source of validate(sourceFileSchema, readYaml(file), file)) {
      const other = seen.get(source.id);
      if (other) throw new UserError(`来源 id ${source.id} 重复：${other} 与 ${file}`, `duplicate source id ${source.id} in ${other} and ${file}`);
      seen.set(source.id, file);
      sources.push(source);
    }
  }
  if (sources.length === 0) throw new UserError(`来源目录 ${dir} 中没有来源`, `no sources in ${dir}`);
  return { sources, sourceFiles: seen };
}

/**
 * The refusal of a config key that holds a secret itself (literalSecretKeys): it names the key and the
 * environment variable the secret belongs in — the model writer's `apiKeyEnv` (or its default) for a key
 * under writer.llm, else a variable to be named by `<key>Env`. The value is never repeated. Returns the
 * error for the caller to throw.
 */
export function secretInConfig(file: string, key: string, raw: unknown): UserError {
  if (key.startsWith('writer.llm.')) {
    const named = (raw as { writer?: { llm?: { apiKeyEnv?: unknown } } }).writer?.llm?.apiKeyEnv;
    const variable = typeof named === 'string' && named !== '' ? named : DEFAULT_LLM_KEY_ENV;
    return new UserError(
      `配置文件 ${file} 的键 ${key} 写入了密钥本身：密钥只从环境变量读取，请删去此键，把密钥放进环境变量 ${variable}（由 writer.llm.apiKeyEnv 指定）`,
      `config file ${file}: key ${key} holds a secret itself; secrets are read from the environment only: remove the key and put the secret in the environment variable ${variable} (named by writer.llm.apiKeyEnv)`,
    );
  }
  return new UserError(
    `配置文件 ${file} 的键 ${key} 写入了密钥本身：密钥只从环境变量读取，请删去此键，把密钥放进一个环境变量，并在 ${key}Env 写上变量名`,
    `config file ${file}: key ${key} holds a secret itself; secrets are read from the environment only: remove the key, put the secret in an environment variable and name it in ${key}Env`,
  );
}

/** Refuses a selection whose least number of items exceeds its greatest: a UserError naming `file` and the key. */
export function checkSelection(config: Config, file: string): void {
  if (config.selection.minItems > config.selection.maxItems) {
    throw new UserError(`配置文件 ${file} 的键 selection.minItems 大于 selection.maxItems`, `config file ${file}: selection.minItems exceeds selection.maxItems`);
  }
}

/**
 * The config (`file`, by default the bundled config/xinzhi.yaml) and the files it names, relative to its
 * folder: the taxonomy, the source catalog and the registry of bodies. Throws UserError, one line naming the
 * file and the key, for a file that cannot be read, is no YAML (a warning such as an unknown tag counts) or
 * breaks its schema.
 */
export function loadConfig(file: string = defaultConfigPath): LoadedConfig {
  const path = resolve(file);
  const raw = readYaml(path) ?? {};
  // Before the schema, whose "unrecognised key" would not say where the secret goes.
  const [secretKey] = literalSecretKeys(raw);
  if (secretKey !== undefined) throw secretInConfig(path, secretKey, raw);
  const config = validate(configSchema, raw, path);
  checkSelection(config, path);
  const base = dirname(path);
  const themesFile = resolve(base, config.themes);
  const taxonomy = validate(themesFileSchema, readYaml(themesFile, 'themes'), themesFile);
  const { sources, sourceFiles } = loadSources(resolve(base, config.sources));
  const bodiesFile = config.bodies ? resolve(base, config.bodies) : defaultBodiesPath;
  const bodies = validate(bodiesFileSchema, readYaml(bodiesFile, 'bodies'), bodiesFile);
  return { file: path, config, taxonomy, sources, bodies, sourceFiles };
}

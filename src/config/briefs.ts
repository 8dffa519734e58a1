/**
 * Many briefs from one crawl (issue 18): each file of config/briefs/ is a brief — its taxonomy, its part of
 * the shared catalog, its masthead, selection, writer, render settings and publish channels — while the
 * crawl, the store, the desk and the schedule stay in the main config, shared. A document fetched once
 * serves every brief whose sources include its own.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { sourceTiers } from '../domain/tier.ts';
import { UserError } from '../util/errors.ts';
import { literalSecretKeys } from '../util/secrets.ts';
import { checkSelection, loadConfig, loadSources, readYaml, secretInConfig, validate, type LoadedConfig } from './load.ts';
import { configSchema, themesFileSchema, type Source } from './schema.ts';

/** The folder of brief files, beside the main config file. */
export const BRIEFS_FOLDER = 'briefs';

/** A brief's id: its file's name, as source ids are written. */
const briefId = /^[a-z0-9][a-z0-9-]*$/;

/** Keys of the main config every brief shares: a brief file that sets one is refused, naming where it belongs. */
const sharedKeys = ['lang', 'crawl', 'store', 'serve', 'schedule', 'bodies'] as const;

/**
 * Which sources of the shared catalog a brief reads: `all`, a list of ids, or ids, tiers and regions
 * (a source is in when any one names it), less `exclude`. Read as the object form.
 */
export const sourceSelectionSchema = z.preprocess(
  (value) => (value === 'all' ? { all: true } : Array.isArray(value) ? { ids: value } : value),
  z.object({
    all: z.boolean().default(false),
    ids: z.array(z.string().min(1)).default([]),
    tiers: z.array(z.enum(sourceTiers)).default([]),
    regions: z.array(z.string().min(1)).default([]),
    exclude: z.array(z.string().min(1)).default([]),
  }).strict().refine((s) => s.all || s.ids.length + s.tiers.length + s.regions.length > 0, { message: 'all, or a list of ids, or ids, tiers or regions' }),
);
export type SourceSelection = z.infer<typeof sourceSelectionSchema>;

/** An object of the main config's shape, checked whole once laid over the main config's (configSchema). */
const section = z.record(z.string(), z.unknown());

/**
 * A brief file, config/briefs/<id>.yaml. Its sections are laid over the main config's and the result is
 * checked by the main config's own schema, so every key means what it means there.
 */
export const briefFileSchema = z.object({
  /** Optional; when given, the file's name. */
  id: z.string().regex(briefId, 'lowercase letters, digits and dashes').optional(),
  /** The brief's taxonomy, relative to the main config file; absent: the main config's. */
  themes: z.string().min(1).optional(),
  sources: sourceSelectionSchema,
  /** The masthead, over the main config's `brief:` (a brief sets at least its title and topicName). */
  brief: section.optional(),
  /** Over the main config's. */
  selection: section.optional(),
  writer: section.optional(),
  render: section.optional(),
  /** The brief's own archive site; by default the main config's baseUrl followed by <id>/, and the slug <id>. */
  site: section.optional(),
  /** The brief's own channels: never the main config's, so no brief goes to another's readers. Absent: nowhere. */
  publish: section.optional(),
}).strict();

/** The main config and its briefs, as loadBriefs reads them. */
export interface LoadedBriefs {
  /** The main config: what the crawl, the store, the desk and the schedule read. */
  main: LoadedConfig;
  /** One per file of config/briefs/, in name order, each with its `scope`; empty when there is no such folder. */
  briefs: LoadedConfig[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `over` laid on `under`: objects merged key by key, anything else (a list, a value) replaced. */
function overlay(under: unknown, over: unknown): unknown {
  if (over === undefined) return under;
  if (!isPlainObject(under) || !isPlainObject(over)) return over;
  const merged: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) merged[key] = overlay(under[key], value);
  return merged;
}

/**
 * The sources a selection names, in catalog order. Throws a UserError naming the brief file and the key
 * for an id the catalog lacks, a region no source has, or a selection left empty.
 */
export function selectSources(catalog: readonly Source[], selection: SourceSelection, file: string): Source[] {
  const ids = new Set(catalog.map((source) => source.id));
  for (const key of ['ids', 'exclude'] as const) {
    selection[key].forEach((id, i) => {
      if (!ids.has(id)) throw new UserError(`简报文件 ${file} 的键 sources.${key}.${i}：来源目录中没有来源 ${id}`, `brief file ${file}: key sources.${key}.${i}: no source ${id} in the catalog`);
    });
  }
  const regions = new Set(catalog.map((source) => source.region));
  selection.regions.forEach((region, i) => {
    if (!regions.has(region)) throw new UserError(`简报文件 ${file} 的键 sources.regions.${i}：来源目录中没有地区为 ${region} 的来源`, `brief file ${file}: key sources.regions.${i}: no source of region ${region} in the catalog`);
  });
  const chosen = catalog.filter(
    (source) =>
      !selection.exclude.includes(source.id) &&
      (selection.all || selection.ids.includes(source.id) || selection.tiers.includes(source.tier) || selection.regions.includes(source.region)),
  );
  if (chosen.length === 0) throw new UserError(`简报文件 ${file} 的键 sources 没有选中任何来源`, `brief file ${file}: key sources selects no source`);
  return chosen;
}

/** The brief files of a folder, *.yaml and *.yml in name order; a UserError naming the folder when it holds none. */
function briefFiles(folder: string): string[] {
  if (!statSync(folder).isDirectory()) throw new UserError(`简报目录 ${folder} 不是目录`, `briefs folder ${folder} is not a folder`);
  const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(folder, name));
  if (files.length === 0) throw new UserError(`简报目录 ${folder} 中没有简报文件（<编号>.yaml）；只写一份简报时请删去此目录`, `briefs folder ${folder} holds no brief file (<id>.yaml); remove the folder for a single brief`);
  return files;
}

/**
 * One brief file read over the main config (`mainRaw` as written, `main` as loaded). Paths in it are
 * relative to the main config file, as the main config's own are, so images and fonts come from the same
 * folders. Throws a one-line UserError naming the brief file and the key.
 */
function loadBrief(file: string, main: LoadedConfig, mainRaw: Record<string, unknown>): LoadedConfig {
  const id = basename(file).replace(/\.ya?ml$/, '');
  if (!briefId.test(id)) throw new UserError(`简报文件名 ${file} 无效：编号只能用小写字母、数字和连字符`, `brief file name ${file} is not allowed: an id takes lowercase letters, digits and dashes`);
  const raw: unknown = readYaml(file) ?? {};
  const shared = isPlainObject(raw) ? sharedKeys.find((key) => key in raw) : undefined;
  if (shared !== undefined) {
    throw new UserError(
      `简报文件 ${file} 的键 ${shared} 属于主配置 ${main.file}：抓取、存储、编辑台、定时等设置为各简报共用`,
      `brief file ${file}: key ${shared} belongs in the main config ${main.file}: crawl, store, desk and schedule settings are shared by every brief`,
    );
  }
  // Before the schema, whose "unrecognised key" would not say where the secret goes.
  const [secretKey] = literalSecretKeys(raw);
  if (secretKey !== undefined) throw secretInConfig(file, secretKey, raw);
  const own = validate(briefFileSchema, raw, file);
  if (own.id !== undefined && own.id !== id) throw new UserError(`简报文件 ${file} 的键 id 是 ${own.id}，与文件名 ${id} 不符`, `brief file ${file}: key id is ${own.id}, not its file name ${id}`);
  const mainSite = main.config.site.baseUrl;
  const merged: Record<string, unknown> = {
    ...mainRaw,
    brief: overlay(mainRaw.brief, own.brief),
    selection: overlay(mainRaw.selection, own.selection),
    writer: overlay(mainRaw.writer, own.writer),
    render: overlay(mainRaw.render, own.render),
    // Each brief is a site of its own, out/<id>/: served under the main one's address, with a feed of its own.
    site: overlay({ slug: id, ...(mainSite ? { baseUrl: new URL(`${id}/`, mainSite.endsWith('/') ? mainSite : `${mainSite}/`).href } : {}) }, own.site),
    publish: own.publish,
    themes: own.themes ?? mainRaw.themes,
  };
  if (merged.publish === undefined) delete merged.publish;
  if (merged.themes === undefined) delete merged.themes;
  const config = validate(configSchema, merged, file);
  checkSelection(config, file);
  const base = dirname(main.file);
  let taxonomy = main.taxonomy;
  if (own.themes !== undefined) {
    const themesFile = resolve(base, own.themes);
    taxonomy = validate(themesFileSchema, readYaml(themesFile, 'themes'), themesFile);
  }
  const sources = selectSources(main.sources, own.sources, file);
  return { ...main, config, taxonomy, sources, scope: { id, file, catalog: main.sources, allSources: own.sources.all && own.sources.exclude.length === 0 } };
}

/**
 * The main config (`file`) and the briefs of the `briefs/` folder beside it, each a LoadedConfig: the
 * brief's keys over the main config's (briefFileSchema says how), its taxonomy, and its part of the catalog
 * as `sources`. `catalog`, when given, replaces the main config's catalog (the demo replays the sample day
 * with the catalog it was crawled with). Without the folder, `briefs` is empty: the main config is the one
 * brief, exactly as before. Throws a one-line UserError naming the file and the key.
 */
export function loadBriefs(file: string, options: { catalog?: string } = {}): LoadedBriefs {
  const main = loadConfig(file);
  if (options.catalog) Object.assign(main, loadSources(options.catalog));
  const folder = join(dirname(main.file), BRIEFS_FOLDER);
  if (!existsSync(folder)) return { main, briefs: [] };
  const mainRaw = (readYaml(main.file) ?? {}) as Record<string, unknown>;
  const briefs: LoadedConfig[] = [];
  for (const briefFile of briefFiles(folder)) {
    const brief = loadBrief(briefFile, main, mainRaw);
    const twin = briefs.find((other) => other.scope!.id === brief.scope!.id);
    if (twin) throw new UserError(`简报编号 ${brief.scope!.id} 重复：${twin.scope!.file} 与 ${briefFile}`, `duplicate brief id ${brief.scope!.id} in ${twin.scope!.file} and ${briefFile}`);
    briefs.push(brief);
  }
  return { main, briefs };
}

/**
 * The briefs a command works on: every brief, or the one `--brief` names. Throws a UserError naming the
 * id and the briefs there are when none has it, or when there are no briefs (no config/briefs/ folder).
 */
export function chosenBriefs(loaded: LoadedBriefs, id: string | undefined): LoadedConfig[] {
  if (id === undefined) return loaded.briefs;
  const ids = loaded.briefs.map((brief) => brief.scope!.id);
  if (ids.length === 0) {
    const folder = join(dirname(loaded.main.file), BRIEFS_FOLDER);
    throw new UserError(`--brief ${id}：没有简报目录 ${folder}，只有主配置这一份简报`, `--brief ${id}: there is no briefs folder ${folder}, only the main config's brief`);
  }
  const brief = loaded.briefs.find((candidate) => candidate.scope!.id === id);
  if (!brief) throw new UserError(`没有编号为 ${id} 的简报（有：${ids.join('、')}）`, `no brief ${id} (there are: ${ids.join(', ')})`);
  return [brief];
}

/**
 * The union of the briefs' sources, in catalog order, each once: what one crawl reads for them all. The
 * crawl looks back as far as the longest window needs. Used by `run` (runBriefsDay) and by `jobs enqueue`.
 */
export function crawlOfBriefs(main: LoadedConfig, briefs: readonly LoadedConfig[]): LoadedConfig {
  const wanted = new Set(briefs.flatMap((brief) => brief.sources.map((source) => source.id)));
  const windowDays = Math.max(...briefs.map((brief) => brief.config.selection.windowDays));
  return { ...main, sources: main.sources.filter((source) => wanted.has(source.id)), config: { ...main.config, selection: { ...main.config.selection, windowDays } } };
}

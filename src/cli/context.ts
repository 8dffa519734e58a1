import { join, resolve } from 'node:path';
import { chosenBriefs, loadBriefs } from '../config/briefs.ts';
import { defaultConfigPath, loadConfig, type LoadedConfig } from '../config/load.ts';
import { renderAssets } from '../render/assets.ts';
import { lockDataFolder, type DataLock } from '../store/lock.ts';
import { openBriefStore } from '../store/briefStore.ts';
import { openStore, storeExists, type OpenStoreOptions } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { EXIT_NEEDS_REVIEW, UserError } from '../util/errors.ts';
import { t, type Lang } from '../util/i18n.ts';
import { parseIssueDate } from '../util/time.ts';

/** The options every command shares, parsed once. */
export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  /** The language of messages: --lang, else XINZHI_LANG, else the config's `lang` once it is loaded. */
  lang: Lang;
  langChosen: boolean;
  json: boolean;
  dataDir: string;
  outDir: string;
  configPath: string;
  /** Prints a line of the command's output. */
  print: (line: string) => void;
}

/**
 * The config the command names (--config), its language applied unless --lang chose one. The files its
 * keys name for output (brief.footer.qrImage, render.fontPaths) are checked here too, so a bad one is named
 * when the config is read, by every command, not when a render reaches it.
 */
export function loadCommandConfig(context: CommandContext): LoadedConfig {
  const loaded = loadConfig(context.configPath);
  if (!context.langChosen) context.lang = loaded.config.lang;
  renderAssets(loaded.file, loaded.config);
  return loaded;
}

/**
 * The briefs a command writes (issue 18): with a config/briefs/ folder beside the config, its briefs (or the
 * one --brief names), each with its keys over the main config's; without it, none, and `main` is the one
 * brief, as loadCommandConfig reads it. `catalog` replaces the catalog (the demo's). Each brief's images
 * and fonts are checked here, a bad one named with its brief file. Throws a one-line UserError.
 */
export function loadCommandBriefs(context: CommandContext, catalog?: string): { main: LoadedConfig; briefs: LoadedConfig[] } {
  const loaded = loadBriefs(context.configPath, { catalog });
  if (!context.langChosen) context.lang = loaded.main.config.lang;
  renderAssets(loaded.main.file, loaded.main.config);
  const briefs = chosenBriefs(loaded, stringOption(context, 'brief'));
  for (const brief of briefs) {
    try {
      renderAssets(brief.file, brief.config);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      throw new UserError(`简报文件 ${brief.scope!.file}：${err.message}`, `brief file ${brief.scope!.file}: ${err.en}`);
    }
  }
  return { main: loaded.main, briefs };
}

/** One brief a command works on, with the store and the output folder of its issues. */
export interface BriefScope {
  loaded: LoadedConfig;
  store: Store;
  /** Where its issues are written: --out, or --out/<id> for a brief of config/briefs/. */
  outDir: string;
  /** The brief's id, or undefined for the main config's one brief. */
  briefId: string | undefined;
}

/**
 * The brief a command about one issue works on (explain, verify, render, publish, serve): the main config
 * when there is no config/briefs/; else the brief --brief names, with its store (the shared archive and its
 * own issues, openBriefStore) and its output folder --out/<id>. With several briefs and no --brief, a
 * UserError listing them. The caller closes `store`; `options` are the store's (see OpenStoreOptions).
 */
export async function openBriefScope(context: CommandContext, options: Omit<OpenStoreOptions, 'url'> = {}): Promise<BriefScope> {
  const { main, briefs } = loadCommandBriefs(context);
  const chosen = stringOption(context, 'brief');
  if (briefs.length === 0) return { loaded: main, store: await openCommandStore(context, main, options), outDir: context.outDir, briefId: undefined };
  if (chosen === undefined && briefs.length > 1) {
    const ids = briefs.map((brief) => brief.scope!.id);
    throw new UserError(`这个配置有 ${ids.length} 份简报（${ids.join('、')}）：用 --brief 编号 指定一份`, `this config has ${ids.length} briefs (${ids.join(', ')}): name one with --brief ID`);
  }
  const brief = briefs[0]!;
  const id = brief.scope!.id;
  const shared = await openCommandStore(context, main, options);
  try {
    return { loaded: brief, store: await openBriefStore(shared, context.dataDir, id, { ...options, url: storeUrl(main) }, true), outDir: join(context.outDir, id), briefId: id };
  } catch (err) {
    await shared.close();
    throw err;
  }
}

export function stringOption(context: CommandContext, name: string): string | undefined {
  const value = context.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requireDate(context: CommandContext): string {
  const date = stringOption(context, 'date');
  if (!date) throw new UserError('缺少 --date YYYY-MM-DD', 'missing --date YYYY-MM-DD');
  return parseIssueDate(date);
}

export function contextPaths(values: CommandContext['values']): Pick<CommandContext, 'dataDir' | 'outDir' | 'configPath'> {
  const text = (name: string, fallback: string) => (typeof values[name] === 'string' ? (values[name] as string) : fallback);
  return { dataDir: resolve(text('data', 'data')), outDir: resolve(text('out', 'out')), configPath: resolve(text('config', defaultConfigPath)) };
}

/**
 * The exit code of a command that wrote an issue: 0 when every section went out and every check passed,
 * else EXIT_NEEDS_REVIEW with one line on stderr that says how many sections were withheld and checks failed.
 */
export function needsReview(context: CommandContext, withheld: number, failedChecks: number): number {
  if (withheld === 0 && failedChecks === 0) return 0;
  process.stderr.write(`xinzhi: ${t(context.lang, 'needsReview', withheld, failedChecks)}\n`);
  return EXIT_NEEDS_REVIEW;
}

/** The seconds --wait gives a command to wait for the data folder's lock; 0 (refuse at once) without it. */
function waitSeconds(context: CommandContext): number {
  const value = stringOption(context, 'wait');
  if (value === undefined) return 0;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) throw new UserError(t('zh', 'badWait', value), t('en', 'badWait', value));
  return seconds;
}

/**
 * Takes the data folder's lock (lockDataFolder), for a command that writes the data folder (run, demo,
 * import, brief): one at a time. Another holder is waited for up to --wait seconds, with one line on
 * stderr when the wait begins; past that, a UserError naming the folder and the holder. The caller
 * releases it when done; the operating system does if the process dies first.
 */
export function takeDataLock(context: CommandContext, command: string): Promise<DataLock> {
  const wait = waitSeconds(context);
  return lockDataFolder(context.dataDir, {
    command,
    waitSeconds: wait,
    onWait: (holder) => process.stderr.write(`xinzhi: ${t(context.lang, 'lockWait', context.dataDir, holder?.pid ?? '?', holder?.command ?? '?', wait)}\n`),
  });
}

/**
 * The store's address a command uses: XINZHI_STORE when set (an operator's or the test suite's choice),
 * else the config's `store:`, else undefined (SQLite in the data folder).
 */
export function storeUrl(loaded: LoadedConfig | undefined): string | undefined {
  const fromEnv = process.env.XINZHI_STORE;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : loaded?.config.store;
}

/** Opens the store of a command (openStore at storeUrl); see OpenStoreOptions for `existing`. */
export function openCommandStore(context: CommandContext, loaded: LoadedConfig | undefined, options: Omit<OpenStoreOptions, 'url'> = {}): Promise<Store> {
  return openStore(context.dataDir, { ...options, url: storeUrl(loaded) });
}

/** Whether the command's data folder holds an archive to read (storeExists at storeUrl). */
export function commandStoreExists(context: CommandContext, loaded: LoadedConfig | undefined): boolean {
  return storeExists(context.dataDir, storeUrl(loaded));
}

/**
 * The data folder's store, opened under its lock (takeDataLock) by a command that writes it; `release`
 * closes the store and lets go of the lock; `options` are the store's (a command writing documents or issues
 * passes its searchSegment). The lock is let go of at once when the store cannot be opened.
 */
export async function openLockedStore(context: CommandContext, command: string, loaded: LoadedConfig | undefined, options: Omit<OpenStoreOptions, 'url'> = {}): Promise<{ store: Store; release: () => Promise<void> }> {
  const lock = await takeDataLock(context, command);
  let store: Store;
  try {
    store = await openCommandStore(context, loaded, options);
  } catch (err) {
    lock.release();
    throw err;
  }
  return {
    store,
    async release() {
      try {
        await store.close();
      } finally {
        lock.release();
      }
    },
  };
}

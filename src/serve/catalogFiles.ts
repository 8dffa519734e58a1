import { statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { loadSources, type LoadedConfig } from '../config/load.ts';
import type { DeskContext } from './context.ts';

/** The file the desk adds sources to, inside a catalog folder: made on the first addition. */
export const ADDED_SOURCES_FILE = 'added.yaml';

/** The catalog the config names (its `sources` key, relative to the config file): a folder of YAML files, or one file. */
export function catalogPath(loaded: LoadedConfig): string {
  return resolve(dirname(loaded.file), loaded.config.sources);
}

/**
 * Where a source added at the desk is written: `added.yaml` in the catalog folder (loadSources reads every
 * *.yaml there), or the catalog itself when the config names a single file (a file beside it would not be read).
 */
export function addedSourcesFile(loaded: LoadedConfig): string {
  const catalog = catalogPath(loaded);
  return statSync(catalog).isDirectory() ? join(catalog, ADDED_SOURCES_FILE) : catalog;
}

/** A catalog file as an editor reads it: relative to the config file's folder (sources/local.yaml). */
export function shownPath(loaded: LoadedConfig, file: string): string {
  return relative(dirname(loaded.file), file) || file;
}

/**
 * Reads the catalog again after the desk wrote to it, so every page shows the file as it now is. The rest of
 * the loaded config stays as the desk was started with. Throws UserError (one line naming the file) when the
 * catalog no longer loads; the desk then keeps the catalog it had.
 */
export function reloadCatalog(context: DeskContext): void {
  const { sources, sourceFiles } = loadSources(catalogPath(context.loaded));
  context.loaded = { ...context.loaded, sources, sourceFiles };
}

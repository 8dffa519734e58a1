import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from './errors.ts';

/** One step of writing a folder; a crash may stop the work after any of them. */
export interface FolderStep {
  name: 'stage' | 'write' | 'link' | 'unlegacy' | 'swap' | 'clean';
  run: () => void;
}

/** The version folder a link points to, or undefined when `path` is no symbolic link. */
function linkedVersion(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The steps of writing `files` as the folder `target` so that at every instant `target` is the whole
 * previous version or the whole new one, never missing and never a mix: `target` is a symbolic link to a
 * version folder beside it (`.NAME.XXXXXX`, hidden), and rename(2) of a new link over it is the one step
 * that switches versions. In order: `stage` makes the new version's folder; `write` fills it; `link` makes
 * a link to it under a temporary name; `unlegacy` moves aside a `target` that is a real folder (one
 * written before versions were kept: the one instant it is missing, once); `swap` renames the link over
 * `target`; `clean` removes the versions, links and leftovers that were there before `stage`, save the
 * one `target` points to. `abandon` undoes a write that failed before its swap. Exported as steps so a
 * test can stop after any of them, as a crash would.
 */
export function folderWriteSteps(target: string, files: Record<string, string | Buffer>): { steps: FolderStep[]; abandon: () => void } {
  const parent = dirname(target);
  const prefix = `.${basename(target)}.`;
  let earlier: string[] = [];
  let version = '';
  const link = () => `${version}.link`;
  const steps: FolderStep[] = [
    {
      name: 'stage',
      run() {
        mkdirSync(parent, { recursive: true });
        // Only what was there before this write is ever removed by it: a version staged after is another writer's.
        earlier = readdirSync(parent).filter((entry) => entry.startsWith(prefix));
        version = mkdtempSync(join(parent, prefix));
      },
    },
    {
      name: 'write',
      run() {
        for (const [name, content] of Object.entries(files)) writeFileSync(join(version, name), content);
        // mkdtemp makes the folder private; an issue is for readers.
        chmodSync(version, 0o755);
      },
    },
    // Relative, so the output folder can be moved or copied whole.
    { name: 'link', run: () => symlinkSync(basename(version), link()) },
    {
      name: 'unlegacy',
      run() {
        let isFolder = false;
        try {
          isFolder = lstatSync(target).isDirectory();
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
        // A link cannot be renamed over a folder; the old folder goes where `clean` removes it.
        if (isFolder) renameSync(target, `${version}.legacy`);
      },
    },
    { name: 'swap', run: () => renameSync(link(), target) },
    {
      name: 'clean',
      run() {
        for (const entry of [...earlier, `${basename(version)}.legacy`]) {
          if (linkedVersion(target) === entry) continue;
          // Best effort: an old version left behind is removed by the next write, and the issue is written.
          try {
            rmSync(join(parent, entry), { recursive: true, force: true });
          } catch {
            continue;
          }
        }
      },
    },
  ];
  const abandon = () => {
    if (!version || linkedVersion(target) === basename(version)) return;
    // Best effort: what stays is among the entries the next write's `clean` removes.
    try {
      rmSync(link(), { force: true });
      rmSync(version, { recursive: true, force: true });
    } catch {
      return;
    }
  };
  return { steps, abandon };
}

/**
 * Writes a set of files as one folder that appears whole or not at all, and that never goes missing while
 * it is replaced: `target` becomes a symbolic link to a version folder beside it (folderWriteSteps).
 * Throws a UserError naming the folder when it cannot be written; the previous version stays then.
 */
export function writeFolderAtomically(target: string, files: Record<string, string | Buffer>): void {
  const { steps, abandon } = folderWriteSteps(target, files);
  for (const step of steps) {
    try {
      step.run();
    } catch (err) {
      abandon();
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      // The parent cannot be made: name it, as the folder the user gave.
      const named = step.name === 'stage' ? dirname(target) : target;
      throw new UserError(`无法写入输出目录 ${named}（${code}）`, `cannot write output folder ${named} (${code})`);
    }
  }
}

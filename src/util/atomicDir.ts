import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from './errors.ts';

/**
 * Writes a set of files as one folder that appears whole or not at all: the files go to a temporary
 * folder beside the target, which then replaces the target by rename.
 */
export function writeFolderAtomically(target: string, files: Record<string, string | Buffer>): void {
  const parent = dirname(target);
  let staging: string;
  try {
    mkdirSync(parent, { recursive: true });
    staging = mkdtempSync(join(parent, '.xinzhi-tmp-'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(`无法写入输出目录 ${parent}（${code}）`, `cannot write output folder ${parent} (${code})`);
  }
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(staging, name), content);
    // mkdtemp makes the folder private; an issue is for readers.
    chmodSync(staging, 0o755);
    const previous = `${staging}-previous`;
    let replaced = false;
    try {
      renameSync(target, previous);
      replaced = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    renameSync(staging, target);
    if (replaced) rmSync(previous, { recursive: true, force: true });
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UserError(`无法写入输出目录 ${target}（${code}）`, `cannot write output folder ${target} (${code})`);
  }
}

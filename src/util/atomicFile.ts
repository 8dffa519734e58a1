import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from './errors.ts';

/**
 * Writes one file so that readers see the old content or the new, never part of either: the bytes go
 * to a hidden name beside the target (unique to this call, so two writers never share one), which then
 * replaces the target by rename. Creates the parent folder. Throws a one-line UserError naming the
 * file when it cannot be written; the hidden file is removed then.
 */
export function writeFileAtomically(target: string, content: string | Buffer): void {
  const staging = join(dirname(target), `.xinzhi-tmp-${basename(target)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(staging, content, { mode: 0o644 });
    renameSync(staging, target);
  } catch (err) {
    rmSync(staging, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UserError(`无法写入文件 ${target}（${code}）`, `cannot write file ${target} (${code})`);
  }
}

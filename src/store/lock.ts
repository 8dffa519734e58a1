import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../util/errors.ts';

/** Who holds a data folder's lock, as the holder wrote it down when it took the lock. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The command that took it: run, demo, import, brief. */
  command: string;
  /** ISO 8601 time it was taken. */
  since: string;
}

/** A data folder's lock, held until released (or until the process ends, however it ends). */
export interface DataLock {
  /** Lets go of the lock; a second call does nothing. */
  release(): void;
}

export interface LockOptions {
  /** The command taking the lock, for whoever waits on it. */
  command: string;
  /** How long to wait for another holder to finish, in seconds; 0 refuses at once. */
  waitSeconds: number;
  /** Told once, when the lock is held by another and the wait begins. */
  onWait?: (holder: LockHolder | undefined) => void;
  /** Milliseconds between attempts while waiting. */
  pollMs?: number;
}

/** The lock file: an SQLite file whose exclusive transaction is the lock. */
export const LOCK_FILE = 'xinzhi.lock';
/** Who holds it, written by the holder beside it: the lock itself cannot be read while held. */
const HOLDER_FILE = 'xinzhi.lock.holder.json';

/** The holder's note, or undefined when there is none (it is being taken, or the note is unreadable). */
function readHolder(dataDir: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(join(dataDir, HOLDER_FILE), 'utf8')) as Partial<LockHolder>;
    return typeof holder.pid === 'number' && typeof holder.command === 'string' ? (holder as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

function busyError(dataDir: string, holder: LockHolder | undefined): UserError {
  const who = holder ? `（进程 ${holder.pid}@${holder.host}，${holder.command}，始于 ${holder.since}）` : '';
  const whoEn = holder ? ` (pid ${holder.pid}@${holder.host}, ${holder.command}, since ${holder.since})` : '';
  return new UserError(
    `数据目录 ${dataDir} 正被另一个 xinzhi 进程使用${who}：请等它结束，或加 --wait 秒数 等待`,
    `data folder ${dataDir} is in use by another xinzhi process${whoEn}: wait for it to end, or pass --wait SECONDS`,
  );
}

/**
 * Takes the lock of a data folder: one command that writes it at a time. The lock is an exclusive
 * SQLite transaction on `xinzhi.lock` in the folder, so it is an fcntl lock the operating system lets go
 * of when the holder ends in any way (a SIGKILL, a power cut): a dead holder never blocks the next run,
 * and no stale file has to be guessed at. While another process holds it, tries again every `pollMs`
 * for up to `waitSeconds`, then throws a UserError naming the folder and the holder. Throws a UserError
 * when the folder cannot be made.
 */
export async function lockDataFolder(dataDir: string, options: LockOptions): Promise<DataLock> {
  let db: Database.Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    // timeout 0: a busy lock answers at once, and the wait is here, where it does not block the event loop.
    db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UserError(`无法打开数据目录 ${dataDir} 的锁（${code}）`, `cannot open the lock of data folder ${dataDir} (${code})`);
  }
  const deadline = Date.now() + options.waitSeconds * 1000;
  let told = false;
  for (;;) {
    try {
      db.exec('BEGIN EXCLUSIVE');
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') {
        db.close();
        throw err;
      }
    }
    const holder = readHolder(dataDir);
    if (Date.now() >= deadline) {
      db.close();
      throw busyError(dataDir, holder);
    }
    if (!told) options.onWait?.(holder);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.pollMs ?? 200, Math.max(0, deadline - Date.now()))));
  }
  const note = join(dataDir, HOLDER_FILE);
  const holder: LockHolder = { pid: process.pid, host: hostname(), command: options.command, since: new Date().toISOString() };
  try {
    writeFileSync(`${note}.${process.pid}`, `${JSON.stringify(holder)}\n`);
    renameSync(`${note}.${process.pid}`, note);
  } catch (err) {
    db.close();
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UserError(`无法写入数据目录 ${dataDir}（${code}）`, `cannot write data folder ${dataDir} (${code})`);
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      // The note goes while the lock is still held: removed after, it could be the next holder's.
      rmSync(note, { force: true });
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

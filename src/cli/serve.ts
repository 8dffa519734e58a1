import { readFileSync } from 'node:fs';
import { taxonomySegmenter } from '../analyze/relevance.ts';
import { buildDesk } from '../serve/app.ts';
import { MIN_PASSWORD_LENGTH, hashPassword } from '../serve/password.ts';
import { deskRoutes } from '../serve/routes.ts';
import type { DeskRole } from '../store/store.ts';
import { UserError } from '../util/errors.ts';
import { commandStoreExists, loadCommandConfig, openBriefScope, openCommandStore, stringOption, type CommandContext } from './context.ts';
import type { LoadedConfig } from '../config/load.ts';

/** The environment variable `--create-user` reads the new account's password from (else: the first line of stdin). */
export const PASSWORD_ENV = 'XINZHI_DESK_PASSWORD';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UserError(`--port ${value} 不是端口号（0–65535）`, `--port ${value} is not a port (0–65535)`);
  return port;
}

function parseRole(value: string | undefined): DeskRole {
  if (value === undefined || value === 'editor' || value === 'viewer') return value ?? 'editor';
  throw new UserError(`--role ${value} 无效：只能是 editor（编辑）或 viewer（只读）`, `--role ${value} is not a role: editor or viewer`);
}

/** The new account's password: $XINZHI_DESK_PASSWORD, else the first line of stdin (so it is never in the shell's history). */
function newPassword(name: string): string {
  const fromEnv = process.env[PASSWORD_ENV];
  const password = fromEnv ?? (readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '');
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new UserError(
      `账号 ${name} 的密码太短：至少 ${MIN_PASSWORD_LENGTH} 个字符（从环境变量 ${PASSWORD_ENV} 或标准输入的第一行读取）`,
      `the password of account ${name} is too short: ${MIN_PASSWORD_LENGTH} characters at least (read from ${PASSWORD_ENV} or the first line of stdin)`,
    );
  }
  return password;
}

/**
 * `xinzhi serve --create-user NAME [--role editor|viewer]`: adds the account (or sets its password and role
 * when it exists; its sessions end) in the data folder's store. Returns 0.
 */
async function createUser(context: CommandContext, loaded: LoadedConfig, name: string): Promise<number> {
  if (!/^[\p{L}\p{N}._@-]{1,64}$/u.test(name)) throw new UserError(`账号名 ${name} 无效：1–64 个字母、数字或 . _ @ -`, `account name ${name} is not valid: 1–64 letters, digits or . _ @ -`);
  const role = parseRole(stringOption(context, 'role'));
  const hash = await hashPassword(newPassword(name));
  const store = await openCommandStore(context, loaded);
  try {
    const { desk } = store;
    const existing = await desk.userByName(name);
    if (existing) {
      await desk.updateUser(name, hash, role);
      await desk.endSessionsOf(existing.id);
    } else await desk.createUser(name, hash, role, new Date());
    context.print(context.lang === 'en' ? `account ${name} (${role}) ${existing ? 'updated' : 'created'} in ${store.location}` : `账号 ${name}（${role === 'editor' ? '编辑' : '只读'}）已${existing ? '更新' : '创建'}：${store.location}`);
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * `xinzhi serve [--host H] [--port P] [--brief ID]`: the editor's desk (src/serve/) on the data folder's store until
 * SIGINT or SIGTERM. Host and port default to the config's `serve:` (127.0.0.1:4180). Refuses to start
 * (UserError) without a store or without an account: `--create-user` makes the first.
 */
export async function serveCommand(context: CommandContext): Promise<number> {
  const loaded = loadCommandConfig(context);
  const creating = stringOption(context, 'create-user');
  if (creating !== undefined) return createUser(context, loaded, creating);
  const settings = loaded.config.serve;
  const host = stringOption(context, 'host') ?? settings.host;
  const portOption = stringOption(context, 'port');
  const port = portOption === undefined ? settings.port : parsePort(portOption);
  // What the desk writes of issues is indexed for its search as it is written.
  if (!commandStoreExists(context, loaded)) {
    throw new UserError(
      `${context.dataDir} 里还没有数据库：先用 xinzhi serve --create-user 名字 建立第一个账号（再用 xinzhi run 或 schedule 写出简报）`,
      `${context.dataDir} holds no database yet: create the first account with xinzhi serve --create-user NAME (then write issues with xinzhi run or schedule)`,
    );
  }
  // With config/briefs/, the desk of the brief --brief names: its issues, its out/<id>/, its channels (accounts are shared).
  const { loaded: brief, store, outDir } = await openBriefScope(context, { existing: true, searchSegment: taxonomySegmenter(loaded.taxonomy) });
  if ((await store.desk.userCount()) === 0) {
    await store.close();
    throw new UserError(
      `${context.dataDir} 还没有编辑台账号：先运行 xinzhi serve --create-user 名字（密码从 ${PASSWORD_ENV} 或标准输入读取）`,
      `${context.dataDir} has no desk account yet: run xinzhi serve --create-user NAME first (the password is read from ${PASSWORD_ENV} or stdin)`,
    );
  }
  const app = await buildDesk({ store, loaded: brief, dataDir: context.dataDir, outDir, log: false }, deskRoutes, settings);
  let address: string;
  try {
    address = await app.listen({ host, port });
  } catch (err) {
    await store.close();
    const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    throw new UserError(
      inUse ? `编辑台无法在 ${host}:${port} 监听：端口已被占用（另一个编辑台或程序在用）；用 --port 换一个端口，或在配置 serve.port 中设置` : `编辑台无法在 ${host}:${port} 监听：${(err as Error).message}`,
      inUse ? `the desk cannot listen on ${host}:${port}: the port is in use (another desk or program); choose another with --port or serve.port in the config` : `the desk cannot listen on ${host}:${port}: ${(err as Error).message}`,
    );
  }
  context.print(context.lang === 'en' ? `the editor's desk is at ${address}/ (Ctrl+C stops it)` : `编辑台已启动：${address}/（Ctrl+C 停止）`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await store.close();
  return 0;
}

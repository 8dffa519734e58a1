import { UserError } from '../util/errors.ts';
import { loadCommandConfig, type CommandContext } from './context.ts';

/** `xinzhi sources list [--json]`: the catalog as configured. */
export function sourcesCommand(context: CommandContext): number {
  const action = context.positionals[0] ?? 'list';
  if (action !== 'list') throw new UserError(`未知的 sources 子命令：${action}（可用：list）`, `unknown sources subcommand: ${action} (available: list)`);
  const { sources } = loadCommandConfig(context);
  if (context.json) context.print(JSON.stringify(sources));
  else for (const s of sources) context.print(`${s.id}\t${s.tier}\t${s.region}\t${s.name}\t${s.entries.map((e) => e.url).join(' ')}${s.verified ? '' : '\t(unverified)'}`);
  return 0;
}

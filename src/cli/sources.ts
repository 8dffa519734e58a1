import { browserFetcherFromConfig, liveFetcherFromConfig } from '../crawl/fromConfig.ts';
import { checkSource, type SourceCheck } from '../sources/check.ts';
import { markVerified } from '../sources/markVerified.ts';
import { sourceHealth } from '../sources/health.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { UserError } from '../util/errors.ts';
import { loadCommandConfig, stringOption, type CommandContext } from './context.ts';

/** `xinzhi sources list|check|status`: the catalog, an online check of it, and its health. */
export async function sourcesCommand(context: CommandContext): Promise<number> {
  const action = context.positionals[0] ?? 'list';
  const loaded = loadCommandConfig(context);
  const only = stringOption(context, 'source')?.split(',');
  const sources = only ? loaded.sources.filter((s) => only.includes(s.id)) : loaded.sources;
  if (only && sources.length !== only.length) {
    const unknown = only.filter((id) => !loaded.sources.some((s) => s.id === id));
    throw new UserError(`目录中没有来源 ${unknown.join('、')}`, `no source ${unknown.join(', ')} in the catalog`);
  }

  if (action === 'list') {
    if (context.json) context.print(JSON.stringify(sources));
    else for (const s of sources) context.print(`${s.id}\t${s.tier}\t${s.region}\t${s.name}\t${s.entries.map((e) => e.url).join(' ')}${s.verified ? '' : '\t(未验证)'}`);
    return 0;
  }

  if (action === 'check') {
    const fetcher = browserFetcherFromConfig(loaded.config.crawl, liveFetcherFromConfig(loaded.config.crawl, sources));
    let results: SourceCheck[];
    try {
      results = await Promise.all(sources.map((source) => checkSource(source, fetcher)));
    } finally {
      await fetcher.close();
    }
    for (const result of results) {
      if (context.json) context.print(JSON.stringify(result));
      else {
        context.print(`${result.ok ? '✓' : '✗'} ${result.sourceId} ${result.name}`);
        for (const e of result.entries) context.print(`    ${e.url}  ${e.status ?? '-'}  链接 ${e.links}（带日期 ${e.datedLinks}）${e.newest ? `  最新 ${e.newest.slice(0, 10)}` : ''}${e.error ? `  ${e.error}` : ''}`);
      }
    }
    if (context.values.update === true) {
      const byFile = new Map<string, Map<string, boolean>>();
      for (const result of results) {
        const file = loaded.sourceFiles.get(result.sourceId)!;
        byFile.set(file, (byFile.get(file) ?? new Map()).set(result.sourceId, result.ok));
      }
      for (const [file, verdicts] of byFile) markVerified(file, verdicts);
    }
    const failed = results.filter((r) => !r.ok).length;
    if (failed > 0) throw new UserError(`${failed} 个来源未通过检查`, `${failed} sources failed the check`);
    return 0;
  }

  if (action === 'status') {
    const store = new SqliteStore(context.dataDir);
    try {
      const health = sources.map((source) => sourceHealth(store, source));
      if (context.json) context.print(JSON.stringify(health));
      else {
        for (const h of health) {
          const last = h.lastSuccess ? h.lastSuccess.slice(0, 16).replace('T', ' ') : '从未成功';
          const streak = h.emptyStreak > 0 ? `  连续 ${h.emptyStreak} 次无链接` : '';
          context.print(`${h.sourceId}\t最近成功 ${last}\t文档 ${h.documents}\t上次新增 ${h.lastNewDocuments ?? '-'}\t上次错误 ${h.lastErrors.length}${streak}`);
          for (const error of h.lastErrors.slice(0, 3)) context.print(`    ${error}`);
        }
      }
      return 0;
    } finally {
      store.close();
    }
  }
  throw new UserError(`未知的 sources 子命令：${action}（可用：list、check、status）`, `unknown sources subcommand: ${action} (available: list, check, status)`);
}

import { browserFetcherFromConfig, liveFetcherFromConfig } from '../crawl/fromConfig.ts';
import { checkCrawlSettings, checkSource, countFindings, type Finding, type SourceCheck } from '../pipeline/sourceCheck.ts';
import { markVerified } from '../sources/markVerified.ts';
import { readSourceHistory, sourceHealth, type SourceHealth } from '../sources/health.ts';
import { UserError } from '../util/errors.ts';
import type { Source } from '../config/schema.ts';
import { t, type Lang } from '../util/i18n.ts';
import { commandStoreExists, loadCommandConfig, openCommandStore, stringOption, type CommandContext } from './context.ts';

/** What `sources list` adds after a source's addresses: why it is disabled, or that no online check confirmed it. */
function listNote(source: Source, lang: Lang): string {
  if (source.disabled !== undefined) return lang === 'en' ? `\t(disabled: ${source.disabled})` : `\t(已停用：${source.disabled})`;
  return source.verified ? '' : lang === 'en' ? '\t(not verified)' : '\t(未验证)';
}

/**
 * A finding as `sources check` prints it: its words, then its code (域名无法解析 dns); the words alone when
 * they hold the code as a word already (English `other error`, not `other error error`).
 */
export function findingLabel(finding: Finding, lang: Lang): string {
  const words = t(lang, `finding.${finding}`);
  return words.split(' ').includes(finding) ? words : `${words} ${finding}`;
}

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
    else for (const s of sources) context.print(`${s.id}\t${s.tier}\t${s.region}\t${s.name}\t${s.entries.map((e) => e.url).join(' ')}${listNote(s, context.lang)}`);
    return 0;
  }

  if (action === 'check') {
    // A disabled source is checked only when asked for by name: that is how its candidate address is tried.
    const skipped = only ? [] : sources.filter((s) => s.disabled !== undefined);
    for (const s of skipped) {
      if (context.json) context.print(JSON.stringify({ sourceId: s.id, name: s.name, disabled: s.disabled }));
      else context.print(context.lang === 'en' ? `- ${s.id} ${s.name}  disabled, skipped: ${s.disabled} (check it alone with --source ${s.id})` : `- ${s.id} ${s.name}  已停用，跳过：${s.disabled}（用 --source ${s.id} 单独检查）`);
    }
    const checked = sources.filter((s) => !skipped.includes(s));
    const settings = checkCrawlSettings(loaded.config.crawl);
    const fetcher = browserFetcherFromConfig(settings, liveFetcherFromConfig(settings, checked));
    let results: SourceCheck[];
    try {
      results = await Promise.all(checked.map((source) => checkSource(source, fetcher, context.lang)));
    } finally {
      await fetcher.close();
    }
    const label = (finding: Finding) => findingLabel(finding, context.lang);
    for (const result of results) {
      if (context.json) context.print(JSON.stringify(result));
      else {
        context.print(`${result.ok ? '✓' : '✗'} ${result.sourceId} ${result.name}  [${label(result.finding)}]`);
        for (const e of result.entries) context.print(`    ${e.url}  ${e.finding}${e.format ? `  ${context.lang === 'en' ? 'format' : '格式'} ${e.format}` : ''}  ${e.detail}`);
      }
    }
    const counts = countFindings(results);
    if (context.json) context.print(JSON.stringify({ summary: { sources: results.length, findings: counts } }));
    else context.print(t(context.lang, 'checkSummary', results.length, Object.entries(counts).map(([finding, n]) => `${label(finding as Finding)} ${n}`).join(context.lang === 'en' ? ', ' : '，')));
    if (context.values.update === true) {
      const byFile = new Map<string, Map<string, boolean>>();
      for (const result of results) {
        const file = loaded.sourceFiles.get(result.sourceId)!;
        byFile.set(file, (byFile.get(file) ?? new Map()).set(result.sourceId, result.ok));
      }
      for (const [file, verdicts] of byFile) markVerified(file, verdicts);
    }
    const failed = results.filter((r) => !r.ok).length;
    if (failed > 0) throw new UserError(t('zh', 'checkFailed', failed), t('en', 'checkFailed', failed));
    return 0;
  }

  if (action === 'status') {
    // A data folder not made yet has no history: every source is shown as never read, and nothing is created.
    const store = commandStoreExists(context, loaded) ? await openCommandStore(context, loaded) : undefined;
    try {
      const health: SourceHealth[] = [];
      for (const source of sources) health.push(sourceHealth(source, await readSourceHistory(store, source)));
      if (context.json) context.print(JSON.stringify(health));
      else {
        const lang = context.lang;
        for (const h of health) {
          const last = h.lastSuccess ? h.lastSuccess.slice(0, 16).replace('T', ' ') : t(lang, 'statusNever');
          const streak = h.emptyStreak > 0 ? `  ${t(lang, 'statusEmptyStreak', h.emptyStreak)}` : '';
          const disabled = h.disabled === undefined ? '' : `\t${t(lang, 'statusDisabled', h.disabled)}`;
          context.print(`${h.sourceId}\t${t(lang, 'statusLine', last, h.documents, h.lastNewDocuments ?? '-', h.lastErrors.length)}${streak}${disabled}`);
          for (const error of h.lastErrors.slice(0, 3)) context.print(`    ${error}`);
        }
      }
      return 0;
    } finally {
      await store?.close();
    }
  }
  throw new UserError(`未知的 sources 子命令：${action}（可用：list、check、status）`, `unknown sources subcommand: ${action} (available: list, check, status)`);
}

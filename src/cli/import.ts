import { importArchives } from '../crawl/import.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { loadCommandConfig, type CommandContext } from './context.ts';

/** `xinzhi import FILE.warc[.gz]|DIR`: archives made elsewhere, through the same extract and store path. */
export async function importCommand(context: CommandContext): Promise<number> {
  // main has checked that there is exactly one argument (commands.ts).
  const path = context.positionals[0]!;
  const loaded = loadCommandConfig(context);
  const store = new SqliteStore(context.dataDir);
  try {
    const runId = store.startRun(new Date().toISOString().slice(0, 10), 'import');
    const report = await importArchives(path, loaded.sources, store, runId, loaded.config.crawl.maxBytes);
    store.finishRun(runId, report);
    if (context.json) context.print(JSON.stringify(report));
    else {
      context.print(`响应 ${report.responses} · HTML 页面 ${report.htmlPages} · 文档 ${report.documents}`);
      if (report.unmatchedHosts.length > 0) context.print(`不在来源目录中的主机：${report.unmatchedHosts.join('、')}`);
      for (const doc of report.partialDocuments ?? []) context.print(`文档不完整（归档缺续页）：${doc.url}，缺 ${doc.missing.join(' ')}`);
    }
    return 0;
  } finally {
    store.close();
  }
}

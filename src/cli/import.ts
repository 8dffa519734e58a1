import { taxonomySegmenter } from '../analyze/relevance.ts';
import { importArchives } from '../crawl/import.ts';
import { t } from '../util/i18n.ts';
import { loadCommandConfig, openLockedStore, type CommandContext } from './context.ts';
import { archiveDamageLine } from './summary.ts';

/**
 * `xinzhi import FILE.warc[.gz]|DIR`: archives made elsewhere, through the same extract and store path,
 * holding the data folder's lock. Importing an archive again adds nothing: the report says how much was
 * stored before. A damaged archive is read up to the damage, with a warning on stderr naming the file and
 * the byte offset.
 */
export async function importCommand(context: CommandContext): Promise<number> {
  // main has checked that there is exactly one argument (commands.ts).
  const path = context.positionals[0]!;
  const loaded = loadCommandConfig(context);
  // Indexed for the desk's search as they are stored.
  const { store, release } = await openLockedStore(context, 'import', loaded, { searchSegment: taxonomySegmenter(loaded.taxonomy) });
  try {
    const runId = await store.startRun(new Date().toISOString().slice(0, 10), 'import');
    const report = await importArchives(path, loaded.sources, store, runId, { maxBytes: loaded.config.crawl.maxBytes, onDamage: (damage) => process.stderr.write(`xinzhi: ${archiveDamageLine(damage, context.lang)}\n`) });
    await store.finishRun(runId, report);
    if (context.json) context.print(JSON.stringify(report));
    else {
      const { lang } = context;
      context.print(t(lang, 'importCounts', report.responses, report.responsesAlreadyStored, report.htmlPages, report.documents, report.documentsAlreadyStored));
      if (report.notHttp > 0) context.print(t(lang, 'importNotHttp', report.notHttp));
      if (report.unmatchedHosts.length > 0) context.print(t(lang, 'importUnmatched', report.unmatchedHosts.join(lang === 'en' ? ', ' : '、')));
      for (const doc of report.partialDocuments ?? []) context.print(t(lang, 'importPartial', doc.url, doc.missing.join(' ')));
      if (report.undated) context.print(t(lang, 'importUndated', report.undated.length));
      for (const page of report.undated ?? []) context.print(`  ${page.url} ${page.title}`);
    }
    return 0;
  } finally {
    await release();
  }
}

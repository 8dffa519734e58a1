import type { CrawlProgress } from '../crawl/progress.ts';
import type { SourceRun } from '../store/store.ts';
import { t, type Lang } from '../util/i18n.ts';

export interface CrawlWatcher {
  onCrawlStart: (progress: CrawlProgress) => void;
  onSourceDone: (run: SourceRun) => void;
  onCrawlEnd: () => void;
}

/**
 * How a run shows its crawl on stderr: on a terminal, one line redrawn in place (sources done, pages,
 * bytes, errors, the slowest hosts); elsewhere (cron, CI), one plain line per source as it finishes.
 */
export function crawlWatcher(lang: Lang, stream: NodeJS.WriteStream = process.stderr): CrawlWatcher {
  let timer: NodeJS.Timeout | undefined;
  let progress: CrawlProgress | undefined;
  const draw = () => progress && stream.write(`\r\x1b[K${progress.line(lang)}`);
  return {
    onCrawlStart(started) {
      progress = started;
      if (stream.isTTY) timer = setInterval(draw, 250);
    },
    onSourceDone(run) {
      if (stream.isTTY) return;
      const unchanged = run.unchanged > 0 ? t(lang, 'progressUnchanged', run.unchanged) : '';
      const errors = run.errors.length > 0 ? t(lang, 'progressErrors', run.errors.length) : '';
      stream.write(`[${run.sourceId}] ${t(lang, 'progressSource', run.linksFound, run.documentsNew)}${unchanged}${errors}\n`);
    },
    onCrawlEnd() {
      if (timer) {
        clearInterval(timer);
        draw();
        stream.write('\n');
      }
    },
  };
}

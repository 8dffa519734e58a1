import type { CrawlProgress } from '../crawl/progress.ts';
import type { SourceRun } from '../store/sqlite.ts';

export interface CrawlWatcher {
  onCrawlStart: (progress: CrawlProgress) => void;
  onSourceDone: (run: SourceRun) => void;
  onCrawlEnd: () => void;
}

/**
 * How a run shows its crawl on stderr: on a terminal, one line redrawn in place (sources done, pages,
 * bytes, errors, the slowest hosts); elsewhere (cron, CI), one plain line per source as it finishes.
 */
export function crawlWatcher(stream: NodeJS.WriteStream = process.stderr): CrawlWatcher {
  let timer: NodeJS.Timeout | undefined;
  let progress: CrawlProgress | undefined;
  const draw = () => progress && stream.write(`\r\x1b[K${progress.line()}`);
  return {
    onCrawlStart(started) {
      progress = started;
      if (stream.isTTY) timer = setInterval(draw, 250);
    },
    onSourceDone(run) {
      if (stream.isTTY) return;
      const errors = run.errors.length > 0 ? ` · 错误 ${run.errors.length}` : '';
      stream.write(`[${run.sourceId}] 链接 ${run.linksFound} · 新文档 ${run.documentsNew}${run.unchanged > 0 ? ` · 未变化 ${run.unchanged}` : ''}${errors}\n`);
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

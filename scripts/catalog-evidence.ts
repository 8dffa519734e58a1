/**
 * The bundled catalog's evidence verdicts (CONFIRMED / LIKELY / DISABLED, and what each entry needs), as
 * Markdown on stdout; with --write, put into docs/catalog.md between its markers.
 * Run: npm run catalog:evidence [-- --write]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../src/config/load.ts';
import { evidenceSummary, summaryIn, summaryMarkers } from '../src/sources/evidence.ts';

const summary = evidenceSummary(loadConfig().sources);
if (!process.argv.includes('--write')) {
  process.stdout.write(summary);
} else {
  const file = new URL('../docs/catalog.md', import.meta.url);
  const document = readFileSync(file, 'utf8');
  if (summaryIn(document) === null) throw new Error(`docs/catalog.md lacks the markers ${summaryMarkers.begin} … ${summaryMarkers.end}`);
  const begin = document.indexOf(summaryMarkers.begin) + summaryMarkers.begin.length;
  writeFileSync(file, `${document.slice(0, begin)}\n\n${summary}\n${document.slice(document.indexOf(summaryMarkers.end))}`);
  console.log(`wrote ${file.pathname}`);
}

/**
 * npm run eval:real — the brief on real days (test/fixtures/real-days): each text wrapped in a page of its
 * own host, written to a WARC file, imported with `xinzhi import`, the issue written with `xinzhi brief`,
 * and compared with the labels set before xinzhi was run on them. REAL_DAY=day-a runs one day;
 * EVAL_CATALOG=1 keeps the real source catalog (by default no host is a catalog source, as a crawl of
 * uncatalogued copies meets them). DETAIL=1 lists every miss; KEEP=1 keeps the data folder for `explain`;
 * DUMP=file appends each day's candidates, with the labelled story each stands for, as JSON lines.
 *
 * Prints, per day: picks hit (of 5), off-topic items, stories twice, issuer and tier right for relevant
 * stories, host labels or ids in the prose, failed checks, withheld sections and the exit code.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceDirectory } from '../src/analyze/origin.ts';
import type { Brief } from '../src/domain/brief.ts';
import { loadConfig } from '../src/config/load.ts';
import { warcResponseRecord } from '../src/crawl/warc.ts';
import { normaliseText } from '../src/util/normalise.ts';
import { nextDay } from '../src/util/time.ts';
import { dayResponses, evalConfig, loadRealDay, realDayNames, type RealDay, type RealStory } from './realDay.ts';

const detail = Boolean(process.env.DETAIL);
const cli = fileURLToPath(new URL('../bin/xinzhi.js', import.meta.url));
const pct = (n: number, of: number) => (of === 0 ? '—' : `${((n / of) * 100).toFixed(1)} %`);

function run(args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

interface ExplainCandidate {
  url: string;
  origin: string;
  tier: string;
  selected: boolean;
  members: string[];
  title: string;
  relevance: { score: number };
  significance: { score: number };
  whyNot: string | null;
}

/** The candidate most of a story's documents fell into. */
function candidateOf(story: RealStory, candidates: readonly ExplainCandidate[]): ExplainCandidate | undefined {
  const urls = new Set(story.docs.map((d) => d.url));
  return [...candidates].sort((a, b) => b.members.filter((u) => urls.has(u)).length - a.members.filter((u) => urls.has(u)).length)[0];
}

/** Every text of the brief a reader sees. */
function proseOf(brief: Brief): string[] {
  return [brief.abstract, ...brief.items.flatMap((i) => [i.headline, ...i.paragraphs]), ...brief.references.flatMap((r) => [r.publisher, r.reposter ?? '', r.usedFor])];
}

async function evaluate(day: RealDay): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `xinzhi-real-${day.name}-`));
  try {
    const warc = join(dir, 'day.warc.gz');
    const records = await Promise.all(dayResponses(day).map((r) => warcResponseRecord({ ...r, fetchedAt: new Date(r.fetchedAt).toISOString() })));
    writeFileSync(warc, Buffer.concat(records));
    const config = evalConfig(dir);
    const common = ['--config', config, '--data', join(dir, 'data')];
    const imported = run(['import', warc, ...common, '--json']);
    if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr.trim()}`);
    const issueDate = nextDay(day.date);
    const brief = run(['brief', '--date', issueDate, ...common, '--out', join(dir, 'out'), '--json']);
    const explain = run(['explain', '--date', issueDate, ...common, '--json']);
    const candidates = (JSON.parse(explain.stdout) as { candidates: ExplainCandidate[] }).candidates;
    let written: Brief | undefined;
    try {
      written = JSON.parse(readFileSync(join(dir, 'out', issueDate, 'brief.json'), 'utf8')) as Brief;
    } catch {
      written = undefined;
    }
    const docs = day.stories.reduce((n, s) => n + s.docs.length, 0);
    console.log(`\n${day.name} (${day.date}, issue ${issueDate}): ${docs} documents, ${day.stories.length} stories (${day.stories.filter((s) => s.relevant).length} relevant), ${candidates.length} groups found`);
    if (!written) {
      console.log(`  no brief written: exit ${brief.status} ${brief.stderr.trim()}`);
      return;
    }
    const itemStories = written.items.map((item) => {
      const url = written!.references.find((r) => r.id === item.refs[0])?.url ?? '';
      return day.storyOfUrl.get(url);
    });
    // DUMP=file appends one JSON line per candidate with the story most of its copies belong to: data for studying the ranking.
    if (process.env.DUMP) {
      const storyOfCandidate = (c: ExplainCandidate) => {
        const counts = new Map<RealStory, number>();
        for (const url of c.members) {
          const story = day.storyOfUrl.get(url);
          if (story) counts.set(story, (counts.get(story) ?? 0) + 1);
        }
        return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
      };
      const lines = candidates.map((c, rank) => {
        const story = storyOfCandidate(c);
        return JSON.stringify({ day: day.name, rank: rank + 1, story: story?.id ?? null, pick: story?.pick ?? false, relevant: story?.relevant ?? false, inBrief: itemStories.includes(story), candidate: c });
      });
      writeFileSync(process.env.DUMP, `${lines.join('\n')}\n`, { flag: 'a' });
    }
    const picks = day.stories.filter((s) => s.pick);
    const hit = picks.filter((s) => itemStories.includes(s));
    const offTopic = itemStories.filter((s) => s && !s.relevant);
    const twice = [...new Set(itemStories.filter((s, i) => s && itemStories.indexOf(s) !== i))];
    const { sources, bodies } = loadConfig(config);
    const directory = new SourceDirectory(sources, bodies);
    const relevant = day.stories.filter((s) => s.relevant);
    const found = relevant.map((story) => ({ story, candidate: candidateOf(story, candidates) }));
    // A label and a reading name one body alike in either script and with either width of bracket (浙江省制造业高质量发展(数字经济发展)领导小组办公室).
    const sameName = (name: string) => directory.canonicalName(normaliseText(name).replace(/\(/g, '（').replace(/\)/g, '）'));
    const issuerRight = found.filter(({ story, candidate }) => candidate && sameName(candidate.origin) === sameName(story.issuer));
    const tierRight = found.filter(({ story, candidate }) => candidate?.tier === story.tier);
    const hosts = new Set(day.stories.flatMap((s) => s.docs.map((d) => new URL(d.url).host)));
    const leaks = proseOf(written).flatMap((text) => [...text.matchAll(/web:[^\s，。]*|[a-z0-9-]+(?:\.[a-z0-9-]+)+\.(?:com|cn|net|org|gov|hk)\b/gi)].map((m) => m[0]).concat([...hosts].filter((h) => text.includes(h))));
    const failed = written.checks.filter((c) => !c.ok);
    console.log(`  picks        ${hit.length} of ${picks.length}   (target ≥ 4)`);
    console.log(`  off-topic    ${offTopic.length}   (target 0)`);
    console.log(`  twice        ${twice.length}   (target 0)`);
    console.log(`  issuer       ${issuerRight.length}/${relevant.length} ${pct(issuerRight.length, relevant.length)}   tier ${tierRight.length}/${relevant.length} ${pct(tierRight.length, relevant.length)}   (target ≥ 90 %)`);
    console.log(`  host labels  ${leaks.length}   (target 0)`);
    console.log(`  checks       ${failed.length} failed, ${written.withheld?.length ?? 0} sections withheld   (target 0)`);
    console.log(`  exit         ${brief.status}   (target 0)`);
    console.log('  items:');
    written.items.forEach((item, i) => console.log(`    ${item.n}. [${item.tier}] ${item.headline}${itemStories[i]?.pick ? '  ← editor pick' : itemStories[i]?.relevant === false ? '  ← OFF-TOPIC' : ''}`));
    for (const story of picks.filter((s) => !hit.includes(s))) {
      const c = candidateOf(story, candidates);
      console.log(`  missed pick: ${story.id} — ${c ? `rank ${candidates.indexOf(c) + 1}, ${c.origin} [${c.tier}]: ${c.title}${detail ? ` (relevance ${c.relevance.score}, significance ${c.significance.score}${c.whyNot ? `, ${c.whyNot}` : ''})` : ''}` : 'no group'}`);
    }
    if (detail) {
      for (const { story, candidate } of found) {
        if (!candidate || directory.canonicalName(candidate.origin) !== directory.canonicalName(story.issuer) || candidate.tier !== story.tier) {
          console.log(`    issuer/tier: ${story.id}: labelled ${story.issuer} [${story.tier}], found ${candidate?.origin} [${candidate?.tier}]`);
        }
      }
      for (const story of twice) console.log(`    twice: ${story!.id} (items ${itemStories.flatMap((s, i) => (s === story ? [i + 1] : [])).join(', ')})`);
      for (const leak of new Set(leaks)) console.log(`    host label: ${leak}`);
      for (const check of failed) console.log(`    check: [${check.name}] ${check.detail}`);
      for (const w of written.withheld ?? []) console.log(`    withheld: ${w.item.headline}: ${w.reasons.join('; ')}`);
      if (brief.status !== 0) console.log(`    stderr: ${brief.stderr.trim()}`);
      writeFileSync(join(tmpdir(), `xinzhi-real-${day.name}.md`), readFileSync(join(dir, 'out', issueDate, 'brief.md')));
      console.log(`    brief: ${join(tmpdir(), `xinzhi-real-${day.name}.md`)}`);
    }
  } finally {
    // KEEP=1 leaves the data folder for `xinzhi explain --data <dir>/data`.
    if (process.env.KEEP) console.log(`    kept: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`eval:real · ${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${process.env.EVAL_CATALOG ? 'with the source catalog' : 'no host in the catalog'}`);
for (const name of process.env.REAL_DAY ? [process.env.REAL_DAY] : realDayNames()) await evaluate(loadRealDay(name));

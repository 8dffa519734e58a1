import type { Taxonomy } from '../config/schema.ts';
import type { StoredDocument } from '../domain/document.ts';
import { shanghaiDay } from '../util/time.ts';
import { addressDate, announcedEvent, daysBefore, documentDate, eventYear, periodStart, planYear } from './documentDate.ts';
import { briefingPresenter, issuerOfNamedDocument, isRelativeName, readIssuer } from './issuer.ts';
import type { Candidate, IssuerReading } from '../domain/candidate.ts';
import { normaliseText } from '../util/normalise.ts';
import { resolveOrigin, type SourceDirectory } from './origin.ts';
import { scoreStoryRelevance, withIssuerScope } from './relevance.ts';
import type { Segmenter } from './segment.ts';
import { scoreSignificance } from './significance.ts';
import { documentKey, groupStories, titleKey } from './storyGroups.ts';
import { cleanTitle, docNumberAfter, explainedDocument, isBriefingReport, isDocumentItself, isDraft, isInterpretation, issuedDocument } from './titles.ts';
import { compareUrls } from '../util/url.ts';

export interface DayAnalysis {
  storyGroups: number;
  candidates: Candidate[];
}

/** What earlier issues covered: titles of the documents they cited, by issue date. */
export interface CoveredStories {
  issueDate: string;
  titles: readonly string[];
}

/** Story groups, their origins, relevance and significance, for one day's dated documents. */
export function analyzeDay(documents: readonly StoredDocument[], directory: SourceDirectory, taxonomy: Taxonomy, segmenter: Segmenter, covered: readonly CoveredStories[] = []): DayAnalysis {
  const reportedOn = new Map<string, string>();
  // Newest issue first: a story covered twice is dated by its latest coverage.
  for (const issue of covered) {
    for (const title of issue.titles) {
      const key = titleKey(title);
      if (!reportedOn.has(key)) reportedOn.set(key, issue.issueDate);
    }
  }
  const byId = new Map(documents.map((d) => [d.id, d]));
  // Each text is normalised once: converting a traditional copy is the dearest step, and every stage reads it.
  const read = new Map(documents.map((d) => [d.id, { title: normaliseText(d.title), body: normaliseText(d.body) }]));
  const groups = groupStories(
    documents.map((d) => {
      const text = read.get(d.id)!;
      return { id: d.id, ...text, docNumber: d.docNumber, briefingBy: briefingPresenter(text.title, text.body, directory) };
    }),
  );
  // Every document of a day is dated (its page's time, or the day it was met on).
  const pageDay = (m: StoredDocument) => shanghaiDay(m.publishedAt!);
  const readGroups = groups.map((ids) => {
    const members = ids.map((id) => byId.get(id)!);
    // The oldest date any copy gives: a repost dates itself by its page, the copy that keeps the signature by the document.
    // Each copy's year-less dateline is read against its own page's day: a report of 1月3日 on a page of 1月4日
    // is of that January, though the group's earliest copy was met on 12月29日.
    // A copy without a 文号 of its own may write its document's after the name (…》(国数政策〔2023〕11号)).
    // The document each copy issues or reports (titles.issuedDocument).
    const issued = members.map((m) => issuedDocument(cleanTitle(read.get(m.id)!.title), read.get(m.id)!.body));
    const numberOf = (m: StoredDocument, i: number) => m.docNumber ?? (issued[i] ? docNumberAfter(issued[i], read.get(m.id)!.body) : null);
    const dates = members.map((m, i) => documentDate(read.get(m.id)!.body, numberOf(m, i), pageDay(m)));
    // Whom a copy quotes by name is read against its own day: 易会满 in a 2019 transcript served again today.
    const readings = members.map((m, i) => readIssuer({ ...m, ...read.get(m.id)!, site: directory.siteName(m), on: dates[i]?.date ?? pageDay(m) }, directory));
    return { members, issued, dates, readings };
  });
  // A document whose copies name no issuer (a mirror's bare text of 可信数据空间发展行动计划, day-am and day-au) is the
  // body's that another story of the day says issued it (国家数据局印发《…》), read from that story's title, 文号,
  // signature or lead.
  const issuerOfDocument = new Map<string, IssuerReading>();
  for (const { members, issued, readings } of readGroups) {
    readings.forEach((reading, i) => {
      const named = issued[i];
      if (!named || issuerOfDocument.has(documentKey(named))) return;
      // A copy credited to no one (an expert's reading whose medium it does not name) still says who issued what it reads.
      const told = reading ? (['title', 'docNumber', 'field', 'signature', 'lead'].includes(reading.how) ? reading : null) : issuerOfNamedDocument(read.get(members[i]!.id)!.body, named, directory);
      if (told) issuerOfDocument.set(documentKey(named), told);
    });
  }
  const borrowed = (named: string | null): IssuerReading | null => {
    const reading = named ? issuerOfDocument.get(documentKey(named)) : undefined;
    return reading ? { ...reading, how: 'report' } : null;
  };
  const drafts = readGroups.map(({ members, issued: issuedOf, dates, readings: found }) => {
    // Not an interpretation's: a third party's reading of the document is its writer's (day-ah's 场景赋能深度解读).
    // Read only for a story no copy names an issuer of: most have one.
    const explaining = () => members.some((m) => isInterpretation(read.get(m.id)!.title, read.get(m.id)!.body));
    const readings = found.every((r) => r === null) && !explaining() ? issuedOf.map(borrowed) : found;
    const origin = resolveOrigin(
      members.map((m, i) => ({
        id: m.id,
        url: m.url,
        site: directory.siteName(m),
        // 来源：市数据局 is a name only with its place, which the issuer reading gave it when it could.
        // Read as analysis reads every text: a traditional or glossed 来源 (深圳人大網(wǎng)) is named as the brief prints it.
        repostOf: m.repostOf && !isRelativeName(normaliseText(m.repostOf)) ? normaliseText(m.repostOf) : null,
        issuer: readings[i]?.name ?? null,
        issuerHow: readings[i]?.how ?? null,
        publishedAt: m.publishedAt!,
        clean: read.get(m.id)!.title === m.title && read.get(m.id)!.body === m.body,
        // A briefing's report is never the document, whatever its headline ends with (…公开征求意见).
        primary: isDocumentItself(cleanTitle(read.get(m.id)!.title)) && !isBriefingReport(read.get(m.id)!.title, read.get(m.id)!.body),
      })),
      directory,
    );
    const document = byId.get(origin.representativeId)!;
    // The copy that says most about the issuer: a joint document's count, or its signature, may show in one copy only.
    const issuer = readings.filter((r) => r?.name === origin.origin).sort((a, b) => Number(Boolean(b!.partners)) - Number(Boolean(a!.partners)))[0] ?? null;
    // The issuing body's tier, wherever its copies were found; the site's only when no copy names an issuer.
    const known = directory.byName(origin.origin)?.tier;
    const byForm = known ? null : directory.tierOf(origin.origin);
    // A leader's signed article is no body's: its author's post gives the tier.
    const byPost = known || byForm ? undefined : issuer?.tier;
    const tier = known ?? byForm ?? byPost ?? directory.get(document.sourceId)?.tier ?? 'media';
    const tierHow: Candidate['tierHow'] = known ? 'registry' : byForm ? 'form' : byPost ? 'post' : 'site';
    const [title, body] = [cleanTitle(read.get(document.id)!.title), read.get(document.id)!.body];
    // Read from every copy: a mirror's cut text and a report's summary each carry a part of the story.
    const copies = [{ title, body }, ...members.filter((m) => m !== document).map((m) => ({ title: cleanTitle(read.get(m.id)!.title), body: read.get(m.id)!.body }))];
    const relevance = scoreStoryRelevance(copies, taxonomy, segmenter);
    // A news copy of a document is of that document's kind: 七部门印发《…若干措施》 is the 措施.
    const issued = issuedOf[members.indexOf(document)] ?? null;
    const reposterTiers = origin.reposters.map((name) => directory.tierOf(name) ?? 'media');
    const reported = members.map((m) => reportedOn.get(titleKey(m.title))).find(Boolean);
    const metOn = shanghaiDay(document.publishedAt!);
    // A copy whose address is dated months back shows the document is that old, whatever its page says.
    // A lead's date of the issuing (…11月23日发布《…》) dates the prose, not yet the freshness: on day-c it
    // makes old news of a plan its editor picked 52 days on (docs/quality.md, day-g).
    const evidence = [...dates.filter((d) => d?.how !== 'lead'), ...members.map((m) => addressDate(m.url)), issued ? periodStart(issued, metOn) : null, issued ? planYear(issued, metOn) : null, ...members.map((m) => eventYear(read.get(m.id)!.title, pageDay(m))), ...members.map((m) => announcedEvent(read.get(m.id)!.body, pageDay(m)))];
    const age = evidence.flatMap((d) => (d ? [{ on: d.date ?? String(d.year), daysBefore: daysBefore(d, metOn) }] : [])).sort((a, b) => b.daysBefore - a.daysBefore)[0] ?? null;
    const own = dates[members.indexOf(document)];
    return { document, members, origin: origin.origin, issuer, issued, explains: explainedDocument(title, body), reposters: origin.reposters, tier, tierHow, relevance, title, body, reposterTiers, reported, metOn, age, own };
  });
  // An undated interpretation is as old as the document it explains, where that document is met the same day
  // dated: a minister's interview on a year-old opinion, reposted today, is not today's news (day-f).
  const ageOfDocument = new Map(drafts.flatMap((d) => (d.issued && d.age ? [[documentKey(d.issued), d.age] as const] : [])));
  const candidates = drafts.map(({ title, body, reposterTiers, reported, metOn, age: ownAge, own, ...draft }): Candidate => {
    const age = ownAge ?? (draft.explains ? (ageOfDocument.get(documentKey(draft.explains)) ?? null) : null);
    // What the brief may say of when it was issued: only what the copy it cites shows, checked against it.
    const issuedOn: Candidate['issuedOn'] =
      own?.date && own.date < metOn && own.how !== 'docNumber' && own.how !== 'address'
        ? { date: own.date, how: own.how === 'closing' ? 'closing' : 'dateline' }
        : age && age.daysBefore > 1
          ? { date: null, how: 'earlier' }
          : null;
    const significance = scoreSignificance({ title, body, tier: draft.tier, reposterTiers, relevance: draft.relevance.score, reportedOn: reported, issued: draft.issued, partners: draft.issuer?.partners ?? null, interprets: isInterpretation(title, body) || isBriefingReport(title, body), draft: isDraft(title, body), signed: draft.tierHow === 'post', dated: age });
    // Significance weighs the words' relevance; whether the story is the topic's at all also weighs who issued it.
    return { ...draft, relevance: withIssuerScope(draft.relevance, draft.origin, significance.kind, title, taxonomy), significance, issuedOn };
  });
  candidates.sort((a, b) => b.significance.score - a.significance.score || compareUrls(a.document.url, b.document.url));
  return { storyGroups: groups.length, candidates };
}

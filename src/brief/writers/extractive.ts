import type { Candidate } from '../../analyze/day.ts';
import { instrumentPattern } from '../../analyze/significance.ts';
import type { SourceDirectory } from '../../analyze/origin.ts';
import type { Config, Source, Taxonomy } from '../../config/schema.ts';
import { chineseNumber } from '../../util/chineseNumerals.ts';
import { chineseMonthDay, shanghaiDay } from '../../util/time.ts';
import type { Brief, BriefItem, Reference } from '../model.ts';
import { buildReference, keyTerms } from '../references.ts';
import type { ThemeDynamics, ThemeMovement, ThemeShares } from '../themeShares.ts';
import { chooseQuotes, quoteCandidates } from './quotes.ts';
import { actionOf, actorOf, HEADLINE_MAX, headlineOf, inBookQuotes, innerDocument, tierLabel } from './phrasing.ts';

/** What the writer knows of an earlier issue. */
export interface EarlierIssue {
  issueDate: string;
  themeShares: Record<string, number>;
  items: readonly { headline: string; themes: readonly string[] }[];
}

export interface ComposeInput {
  issueDate: string;
  /** The selected stories, in the order of the brief. */
  items: Candidate[];
  directory: SourceDirectory;
  taxonomy: Taxonomy;
  brief: Config['brief'];
  themeShares: ThemeShares;
  /** Today's themes against the previous issue and the last week. */
  dynamics: ThemeDynamics;
  /** Earlier issues, newest first (up to thirty): how often a theme came up, and what an item continues. */
  history: readonly EarlierIssue[];
  stats: Brief['stats'];
}

function startsWithName(title: string, body: Source): boolean {
  return [body.name, body.shortName, ...body.aliases].some((name) => name && title.startsWith(name));
}

const documentKinds = new Set(['方案', '指引', '规划', '条例', '指导意见', '通知']);
const quoted = (names: string[]) => names.map((n) => `“${n}”`).join('');

/** Paragraph 1, the facts: who, when, which document, and verbatim quotes. */
function factParagraph(candidate: Candidate, directory: SourceDirectory, taxonomy: Taxonomy): { text: string; quotes: string[] } {
  const doc = candidate.document;
  const date = chineseMonthDay(shanghaiDay(doc.publishedAt!));
  const host = directory.get(doc.sourceId)?.name ?? doc.sourceId;
  const issuer = directory.byName(candidate.origin);
  const kind = candidate.significance.kind;
  const number = doc.docNumber ? `（${doc.docNumber}）` : '';
  let lead: string;
  let intro = '文中提出';
  if (!issuer) {
    lead = `${host} ${date}转载${candidate.origin}报道${inBookQuotes(doc.title)}`;
  } else if (/关于印发《.+》的通知$/.test(doc.title)) {
    lead = `${issuer.name} ${date}印发${inBookQuotes(innerDocument(doc.title)!)}${number}`;
    intro = '文件提出';
  } else if (directory.byName(candidate.origin) && startsWithName(doc.title, issuer)) {
    // A title that begins with the issuer's name is a news release about what it did.
    lead = `${issuer.name} ${date}发布消息${inBookQuotes(doc.title)}`;
  } else {
    lead = `${issuer.name} ${date}发布${documentKinds.has(kind) ? '' : kind === '解读' ? '解读文章' : '消息'}${inBookQuotes(doc.title)}${number}`;
    if (documentKinds.has(kind)) intro = '文件提出';
  }
  const quotes = chooseQuotes(doc.body, doc.title, taxonomy, 2);
  const quoteText = quotes.length > 0 ? `${intro}：${quotes.map((q) => `“${q}”`).join('；')}。` : '';
  const reposted = candidate.reposters.length > 0 && issuer ? `${candidate.reposters.map((r) => directory.shortName(r)).join('、')}当日转载了这一信息。` : '';
  return { text: `${lead}。${quoteText}${reposted}`, quotes };
}

/**
 * The headline's "what is new": the source's own most salient short clause — one that names a novelty
 * (首次, 正式, 明确…), an instrument (算力券) or a theme — when it fits the line and the action does not
 * already say it. Not a quote, so not in “ ”; taken from the text, so its facts are the source's.
 */
function noveltyClause(candidate: Candidate, taxonomy: Taxonomy, head: string): string | undefined {
  const room = HEADLINE_MAX - head.length - 1;
  if (room < 8) return undefined;
  const doc = candidate.document;
  return quoteCandidates(doc.body, doc.title, taxonomy)
    .filter((c) => c.text.length <= room && c.text.length >= 6 && !/[《》〈〉（）()]/.test(c.text) && !head.includes(c.text) && c.score > 1)
    .sort((a, b) => b.score - a.score || a.at - b.at)[0]?.text;
}

/**
 * How the item's leading theme stands in the brief's own record: in how many of the last seven and
 * thirty issues it appeared, and the latest earlier item of the same body on it. Counts of our issues
 * are written in Chinese numerals: they are not facts of the source. With no record, it says so.
 */
function historySentence(candidate: Candidate, actor: string, issueDate: string, history: readonly EarlierIssue[]): string {
  const theme = candidate.relevance.themes[0]?.themeName;
  if (!theme) return '';
  if (history.length === 0) return '本系统尚无往期记录，暂无法判断这一主题的延续情况。';
  const has = (issue: EarlierIssue) => theme in issue.themeShares;
  const week = history.slice(0, 7);
  const inWeek = week.filter(has).length;
  const counts = [`近${chineseNumber(week.length)}期中有${chineseNumber(inWeek)}期涉及`];
  if (history.length > 7) counts.push(`近${chineseNumber(history.length)}期中有${chineseNumber(history.filter(has).length)}期`);
  const earlier = history.find((issue) => issue.items.some((item) => item.themes.includes(theme) && item.headline.startsWith(actor)));
  const days = earlier ? Math.round((Date.parse(issueDate) - Date.parse(earlier.issueDate)) / 86_400_000) : 0;
  const continues = earlier && days <= 99 ? `；${chineseNumber(days)}天前的一期已报道${actor}在这一主题上的动态，本条是其延续` : '';
  return `${theme}主题在本简报${counts.join('，')}${continues}。`;
}

/** Paragraph 2, the analysis, from the signals only: themes, issuer tier, kind, novelty, instruments, history. */
function analysisParagraph(candidate: Candidate, actor: string, issueDate: string, history: readonly EarlierIssue[]): string {
  const themes = candidate.relevance.themes.slice(0, 3).map((t) => t.themeName);
  const terms = keyTerms(candidate, 4);
  // Theme names are ours, not the source's: they stay out of “ ”, which holds verbatim quotes only.
  const parts = [`这条信息主要涉及${themes.join('、')}等主题，文中关键词包括${terms.join('、')}。`];
  parts.push(`从发布主体和类型看，这是${tierLabel[candidate.tier]}发布的${candidate.significance.kind}类信息。`);
  const novelty = candidate.significance.novelty;
  if (novelty.length > 0) parts.push(`文中使用了${quoted(novelty)}等表述，显示出新的政策信号。`);
  const instruments = [...new Set(candidate.document.body.match(instrumentPattern) ?? [])];
  if (instruments.length > 0) parts.push(`文中给出了${instruments.join('、')}等具体政策工具，便于跟踪落地。`);
  parts.push(historySentence(candidate, actor, issueDate, history));
  return parts.join('');
}

function mixPhrase(items: readonly Candidate[]): string {
  const labels: [string, number][] = [];
  for (const item of items) {
    const label = tierLabel[item.tier];
    const entry = labels.find(([l]) => l === label);
    if (entry) entry[1]++;
    else labels.push([label, 1]);
  }
  const official = items.every((i) => i.tier !== 'media');
  return `${official ? '国内官方与政务来源' : '官方来源与媒体报道'}为主（${labels.map(([l, n]) => `${l} ${n} 条`).join('、')}）`;
}

function movementPhrase(movement: ThemeMovement): string {
  const top = quoted(movement.top);
  if (movement.direction === 'first') return `主题集中在${top}，暂无上期可作比较`;
  const base = movement.direction === 'converging' ? `主题比上期更收敛，集中到${top}` : movement.direction === 'spreading' ? `主题比上期更分散，${top}居前` : `主题分布与上期大体相当，${top}居前`;
  const rising = movement.rising.length > 0 ? `，${quoted(movement.rising)}占比上升` : '';
  const fresh = movement.new.length > 0 ? `，新出现${quoted(movement.new)}` : '';
  return `${base}${rising}${fresh}`;
}

/** Against the last week of issues: which themes rose above their mean, which the week had not seen. */
function weekPhrase(week: ThemeDynamics['week']): string {
  if (week.issues < 2) return '';
  const parts = [
    week.rising.length > 0 ? `${quoted(week.rising)}高于近${chineseNumber(week.issues)}期的平均水平` : '',
    week.new.length > 0 ? `${quoted(week.new)}是近${chineseNumber(week.issues)}期首次出现的主题` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `；${parts.join('，')}` : '';
}

/** The abstract: the source mix, the theme movement, one clause per item, an overall judgement. */
function abstractOf(input: ComposeInput, clauses: string[]): string {
  const tiers = new Set(input.items.map((i) => tierLabel[i.tier]));
  const themes = quoted(Object.keys(input.themeShares).slice(0, 3));
  return (
    `今日${input.brief.topicName}线索以${mixPhrase(input.items)}，${movementPhrase(input.dynamics.previous)}。` +
    `${clauses.join('；')}。` +
    `整体看，本期 ${input.items.length} 条信息集中在${themes}等方向，覆盖${[...tiers].join('、')}${tiers.size > 1 ? '多个层级' : ''}${weekPhrase(input.dynamics.week)}。`
  );
}

/** Writes the brief from the selected stories, offline and deterministically. */
export function composeExtractive(input: ComposeInput): Brief {
  const references: Reference[] = [];
  const items: BriefItem[] = [];
  const clauses: string[] = [];
  input.items.forEach((candidate, index) => {
    const reference = buildReference(candidate, `R${index + 1}`, input.directory);
    references.push(reference);
    const actor = actorOf(candidate, input.directory);
    const action = actionOf(candidate, input.directory);
    const facts = factParagraph(candidate, input.directory, input.taxonomy);
    clauses.push(`${actor}${action}`);
    const whatIsNew = noveltyClause(candidate, input.taxonomy, `${actor}${action}`);
    items.push({
      n: index + 1,
      headline: headlineOf(actor, action, whatIsNew),
      paragraphs: [facts.text, analysisParagraph(candidate, actor, input.issueDate, input.history)],
      quotes: facts.quotes.map((text) => ({ text, ref: reference.id })),
      refs: [reference.id],
      tier: candidate.tier,
      themes: candidate.relevance.themes.map((t) => t.themeName),
    });
  });
  return {
    date: input.issueDate,
    title: input.brief.title,
    publisher: input.brief.publisher,
    producers: input.brief.producers,
    abstract: abstractOf(input, clauses),
    items,
    references,
    footer: input.brief.footer,
    writer: 'extractive',
    checks: [],
    stats: input.stats,
  };
}

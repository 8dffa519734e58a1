import type { Candidate } from '../domain/candidate.ts';
import { sameDocument } from '../brief/select.ts';
import { plantedInstructions } from '../brief/untrusted.ts';
import { t, type Lang, type MessageKey } from '../util/i18n.ts';

/**
 * How a candidate is explained to a person — why it was or was not picked, its issuer, relevance and
 * evidence — in Chinese or English: `xinzhi explain` prints these lines and the desk's Today page shows them.
 */
/** Why an eligible candidate is not in the brief: it is about a picked one's document, or ranked below the picks. */
export function notPicked(candidate: Candidate, picked: readonly Candidate[], maxItems: number, lang: Lang): string {
  const twin = picked.find((p) => sameDocument(p, candidate));
  return twin ? t(lang, 'notPickedSame', twin.document.title) : t(lang, 'notPickedRank', maxItems);
}

/**
 * The sentences of a story's copies, title or body, that speak to a model (untrusted.plantedInstructions):
 * each with the copy it stands in. An editor sees them here; the model writer gets them fenced and labelled.
 */
export function plantedIn(candidate: Candidate): { url: string; sentence: string }[] {
  return candidate.members.flatMap((doc) => plantedInstructions(`${doc.title}\n${doc.body}`).map((sentence) => ({ url: doc.url, sentence })));
}


/** A document kind's name in English (the kinds of src/analyze/significance.ts are named in Chinese). */
const kindsEn: Record<string, string> = {
  会议: 'meeting', 解读: 'interpretation', 征求意见稿: 'draft for comment', 条例: 'regulation', 规划: 'plan', 方案: 'action plan',
  指导意见: 'opinion', 指引: 'rules', 决定: 'decision', 通知: 'notice', 新闻: 'news',
};

/** Why a part of the significance counts, in the reader's language. */
function whyText(part: Candidate['significance']['evidence'][number], lang: Lang): string {
  const [first, second] = part.args ?? [];
  switch (part.factor) {
    case 'tier':
      return t(lang, `tierName.${String(first)}` as MessageKey);
    case 'kind':
      return lang === 'en' ? (kindsEn[String(first)] ?? String(first)) : String(first);
    case 'joint':
      return t(lang, 'jointOf', String(first)).trim();
    case 'spread':
      return t(lang, 'why.spread', Number(first));
    case 'relevance':
      return t(lang, 'why.relevance', Number(first));
    case 'freshness':
      return second === undefined ? t(lang, 'why.reported', String(first)) : t(lang, 'why.old', String(first), Number(second));
    case 'aging':
      return t(lang, 'why.old', String(first), Number(second));
    default:
      // Words of the text (novelty markers, concrete measures): data, shown as they are.
      return part.why;
  }
}

/** The significance's parts, each with its points and why it counts (层级 +3（国家级） · 转载 +1（2 家转载）). Used by explain and the desk. */
export function evidenceLine(candidate: Candidate, lang: Lang): string {
  const { open, close } = marks(lang);
  return candidate.significance.evidence
    .map((part) => `${t(lang, `factor.${part.factor}` as MessageKey)} ${part.points > 0 ? '+' : ''}${part.points}${open}${whyText(part, lang)}${close}`)
    .join(' · ');
}

/** The punctuation of a line in each language: full-width in Chinese. */
export function marks(lang: Lang) {
  const [open, close, comma, semicolon, colon] = lang === 'zh' ? ['（', '）', '、', '；', '：'] : [' (', ')', ', ', '; ', ': '];
  return { open, close, comma, semicolon, colon };
}

/** How the issuer and its tier were found: from which part of the text, and by which rule. Used by explain and the desk. */
export function issuerLine(candidate: Candidate, lang: Lang): string {
  const { colon } = marks(lang);
  const how = candidate.issuer ? `${t(lang, `issuerHow.${candidate.issuer.how}`)}「${candidate.issuer.evidence}」` : t(lang, 'issuerHow.none');
  return `${t(lang, 'issuer')}${colon}${candidate.origin}${candidate.issuer?.partners ? t(lang, 'jointOf', candidate.issuer.partners) : ''} · ${how} · ${t(lang, 'tier')} ${t(lang, `tierName.${candidate.tier}` as MessageKey)} (${t(lang, `tierHow.${candidate.tierHow}`)})`;
}

/** The relevance score with its leading themes and the terms that made them, where each was found. Used by explain and the desk. */
export function relevanceLine(candidate: Candidate, lang: Lang): string {
  const where = (w: 'title' | 'body') => (lang === 'zh' ? (w === 'title' ? '标题' : '正文') : w);
  const { open, close, comma, semicolon, colon } = marks(lang);
  const themes = candidate.relevance.themes.slice(0, 3).map((theme) => `${theme.themeName} ${theme.score}${open}${theme.terms.map((term) => `${term.term}@${where(term.where)}×${term.count}`).join(comma)}${close}`);
  const cut = candidate.relevance.discount;
  const why = cut ? (cut.why === 'genre' ? t(lang, 'discountGenre', cut.words) : cut.why === 'taiwan' ? t(lang, 'discountTaiwan', cut.words) : t(lang, 'discountEveryday', cut.words, cut.context ?? 0)) : '';
  const discount = cut ? ` [${t(lang, 'discounted', cut.factor)}${colon}${why}]` : '';
  const scope = candidate.relevance.scope;
  const scoped = scope ? ` [${scope.meeting ? t(lang, 'inScopeMeeting', scope.issuer, scope.meeting, scope.points) : t(lang, 'inScope', scope.issuer, scope.kind, scope.points)}]` : '';
  return `${t(lang, 'relevance')} ${candidate.relevance.score}${themes.length > 0 ? `${colon}${themes.join(semicolon)}` : ''}${discount}${scoped}`;
}

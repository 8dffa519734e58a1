// One story of the day as analysis hands it to selection, the writers, the desk and `xinzhi explain`, with
// the readings it carries: who issued it, how relevant and how significant it is.
import type { StoredDocument } from './document.ts';
import type { SourceTier } from './tier.ts';

/** A theme of the taxonomy that a story's text matched: its score and the keywords that made it. */
export interface ThemeHit {
  themeId: string;
  themeName: string;
  score: number;
  /** The keywords found, each with where: 'title' or 'body'. */
  terms: { term: string; where: 'title' | 'body'; count: number }[];
}

/** How relevant a story is to the brief's topic: its score, the themes it matched, and any discount. */
export interface Relevance {
  score: number;
  themes: ThemeHit[];
  /**
   * Why the score was discounted, when it was, and by what factor: a title of another genre (`words`: the word),
   * a story of Taiwan's authorities (the name), or only everyday words (`words`: them, `context`: how many words of
   * policy or industry the text has). Worded for a reader by explain (pipeline/explainLines.ts).
   */
  discount?: { why: 'genre' | 'taiwan' | 'everyday'; words: string; context?: number; factor: number };
  /**
   * The points the score holds for its issuer (taxonomy issuerScope): a policy document of a body in scope, or its
   * meeting on the economy (kind 会议, `meeting`: the headline's word that made it one).
   */
  scope?: { issuer: string; kind: string; points: number; meeting?: string };
}

/** Who issued a document, as read from its title, 文号, signature, lead or source line (analyze/issuer.ts). */
export interface IssuerReading {
  /** The lead issuing body: its registry or catalog name when it is known, else as the text writes it. */
  name: string;
  /**
   * How many bodies issued it jointly, as the text writes it (17 in 国家数据局等17部门, 八 in 八部门联合印发),
   * or counted from its signers in Chinese numerals (四); null for one.
   */
  partners: string | null;
  /**
   * Where it was read, for `xinzhi explain`: `field`, the page's 发文机关 or 制定机关 field; `official`, a speaker the register of officials knows by name;
   * `report`, another story of the day that names the body issuing this document (its copies name none).
   */
  how: 'title' | 'docNumber' | 'field' | 'signature' | 'lead' | 'source' | 'place' | 'official' | 'report';
  /** The words that showed it. */
  evidence: string;
  /**
   * The tier the reading itself gives, for an issuer that is no body: a state leader's signed article
   * (国务院副总理何立峰在人民日报发表文章) is national. Absent for a body, whose tier its name gives.
   */
  tier?: SourceTier;
}

/** How much a story matters: its score, its document kind, what is new in it, and each part of the score with its reason. */
export interface Significance {
  score: number;
  kind: string;
  novelty: string[];
  /**
   * Each part of the score with its reason, so `xinzhi explain` can show why: `why` is the reason as a
   * line (for --json), `args` what a reader's line is made of in either language (a tier's or kind's
   * name, a count, a date), where the reason is more than words of the text.
   */
  evidence: { factor: string; points: number; why: string; args?: (string | number)[] }[];
}

/** One story of the day, as selection sees it. */
export interface Candidate {
  /** The representative document: the origin's own page when crawled. */
  document: StoredDocument;
  /** Every copy of the story, the representative included. */
  members: StoredDocument[];
  /** The issuing body (or, when no copy names one, the site that carried the story). */
  origin: string;
  /** How the issuer was read, from the copy that showed it best; null when no copy names one. */
  issuer: IssuerReading | null;
  /** The document the story is about, by name, when it is one (titles.issuedDocument). */
  issued: string | null;
  /** The document an interpretation explains, by name (titles.explainedDocument). */
  explains: string | null;
  /** The sites that republished it, by name. */
  reposters: string[];
  tier: SourceTier;
  /** Where the tier came from: the catalog or registry, the form of the issuer's name, a leader's post (IssuerReading.tier), or the site. */
  tierHow: 'registry' | 'form' | 'post' | 'site';
  relevance: Relevance;
  significance: Significance;
  /**
   * The document's own full date when a copy gives one before the day the story was met (YYYY-MM-DD,
   * Shanghai): its closing date (signed, 印发) or a report's dateline or lead (发布). Where only another copy
   * dates it, more than a day before, date null and how 'earlier': the brief may not date it by the page of
   * the copy it cites, and has no date of its own to print. Null when the copies date it no earlier than
   * their pages.
   */
  issuedOn: { date: string; how: 'closing' | 'dateline' } | { date: null; how: 'earlier' } | null;
}

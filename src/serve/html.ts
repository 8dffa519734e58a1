import { escapeHtml, linkTarget } from '../util/escape.ts';

/**
 * Markup the desk wrote itself. Every string put into a page goes through `html`, which escapes it unless it
 * is already Markup: a scraped title, a model's sentence or a user's input can only ever be text.
 */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What a page template may interpolate: text (escaped), numbers, Markup (kept), lists of these; null/undefined/false print nothing. */
export type Interpolation = string | number | Markup | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * The tagged template of every desk page: html`<p>${title}</p>` escapes `title` (& < > " ') so it is
 * text in element content and in double-quoted attribute values alike. Attributes must be quoted.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Markup(out);
}

/**
 * A link to a scraped address, or the address as plain text when it is not http(s): a source's
 * javascript: or data: URL never becomes a link. Opens in a new tab without a Referer or an opener.
 */
export function outsideLink(url: string, label: Interpolation = url): Markup {
  const target = linkTarget(url);
  if (target === null) return html`<span class="url">${label}</span>`;
  return html`<a href="${target}" rel="noopener noreferrer nofollow" target="_blank">${label}</a>`;
}

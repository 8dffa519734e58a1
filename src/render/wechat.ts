import { sectionNumber, type Brief } from '../domain/brief.ts';
import { formatReference } from '../brief/references.ts';
import type { Config } from '../config/schema.ts';
import { chineseFullDate } from '../util/time.ts';
import { correctionLines, CORRECTIONS_HEADING } from './corrections.ts';
import { escapeHtml as e, linkTarget } from '../util/escape.ts';
import type { EditionOptions } from './html.ts';

/** The WeChat edition's settings (render.wechat): colours as #rrggbb and the QR image's https address. */
export type WechatSettings = Config['render']['wechat'];

/** What the WeChat edition takes besides the brief. */
export interface WechatOptions extends Pick<EditionOptions, 'linkable'> {
  settings: WechatSettings;
}

/** A style attribute from property–value pairs; every value is ours or a #rrggbb colour the config checked. */
function css(declarations: Record<string, string>): string {
  return Object.entries(declarations).map(([property, value]) => `${property}:${value}`).join(';');
}

/**
 * The WeChat edition (brief.wechat.html): one <section> to paste into the 公众号 editor, which keeps
 * inline styles and drops the rest, so the look is carried by `style` attributes alone: no <style>,
 * <script> or <link>, no class or id, no link (the editor strips links to outside pages, so a
 * reference's address is printed as text, and only when `linkable` allows it and it is http(s)), and no
 * image but the configured QR code's https address. Every string of the brief is escaped text.
 * Returns the fragment's source.
 */
export function renderWechat(brief: Brief, options: WechatOptions): string {
  const { accent, text, muted, qrImageUrl } = options.settings;
  const body = { margin: '0 0 16px', 'text-indent': '2em', 'text-align': 'justify' };
  const p = (content: string, style: Record<string, string> = body) => `<p style="${css(style)}">${e(content)}</p>`;
  const heading = (content: string) =>
    `<h2 style="${css({ margin: '32px 0 16px', padding: '0 0 0 10px', 'border-left': `4px solid ${accent}`, 'font-size': '17px', 'font-weight': 'bold', 'line-height': '1.5', color: text })}">${e(content)}</h2>`;
  const small = (color: string, margin = '0 0 8px') => ({ margin, 'font-size': '13px', 'line-height': '1.6', color, 'text-indent': '0' });

  const masthead = [
    `<h1 style="${css({ margin: '0 0 12px', 'font-size': '24px', 'font-weight': 'bold', 'line-height': '1.4', 'letter-spacing': '2px', color: accent })}">${e(brief.title)}</h1>`,
    p(brief.publisher, { margin: '0', 'font-size': '14px', color: text }),
    brief.producers ? p(brief.producers, small(muted, '4px 0 0')) : '',
    p(chineseFullDate(brief.date), { margin: '8px 0 0', 'font-size': '14px', color: text }),
  ].join('');
  const headlines = brief.items.map((item) => `${sectionNumber(item.n)}${item.headline}`);
  const sections = brief.items.map((item, i) => heading(headlines[i]!) + item.paragraphs.map((paragraph) => p(paragraph)).join('')).join('');
  const references = brief.references
    .map((reference, i) => {
      const href = options.linkable(reference.url) ? linkTarget(reference.url) : null;
      const address = href ? `<span style="${css({ display: 'block', color: muted, 'word-break': 'break-all' })}">${e(href)}</span>` : '';
      return `<p style="${css(small(text, '0 0 10px'))}">${e(`[${i + 1}] ${formatReference(reference)}`)}${address}</p>`;
    })
    .join('');
  const qr = qrImageUrl
    ? `<img src="${e(new URL(qrImageUrl).href)}" alt="${e(brief.footer.account)}" style="${css({ display: 'block', width: '120px', height: '120px', margin: '0 auto 8px' })}">`
    : '';
  const corrections = correctionLines(brief);
  const correctionBlock = corrections.length > 0 ? [heading(CORRECTIONS_HEADING), corrections.map((line) => p(line, { ...body, 'text-indent': '0' })).join('')] : [];
  const footerLines = [brief.footer.account, brief.footer.platform, brief.footer.disclaimer].filter(Boolean).map((line) => p(line, small(muted, '0 0 4px')));

  return `${[
    `<section style="${css({ margin: '0', padding: '0', 'font-size': '15px', 'line-height': '1.75', 'letter-spacing': '0.5px', color: text, 'word-wrap': 'break-word' })}">`,
    `<section style="${css({ margin: '0 0 24px', padding: '8px 0 16px', 'text-align': 'center', 'border-bottom': `3px double ${accent}` })}">${masthead}</section>`,
    ...correctionBlock,
    heading('摘要'),
    p(brief.abstract, { ...body, padding: '12px 14px', 'background-color': '#faf7f0' }),
    heading('目录'),
    [...headlines, '参考文献'].map((line) => p(line, { margin: '0 0 6px', 'font-size': '14px', color: text, 'text-indent': '0' })).join(''),
    sections,
    heading('参考文献'),
    references,
    `<section style="${css({ margin: '32px 0 0', padding: '16px 0 0', 'border-top': '1px solid #dddddd', 'text-align': 'center' })}">${qr}${footerLines.join('')}</section>`,
    '</section>',
  ].join('\n')}\n`;
}

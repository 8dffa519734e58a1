import { formatReference } from '../brief/references.ts';
import { sectionNumber, type Brief } from '../domain/brief.ts';
import { chineseFullDate } from '../util/time.ts';
import { imageDataUri, type ConfigImage } from './assets.ts';
import { correctionLines, CORRECTIONS_HEADING } from './corrections.ts';
import { escapeHtml as e, linkTarget } from '../util/escape.ts';

const style = `
body{margin:0;background:#f4f1ea;color:#1d1d1f;font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",serif;line-height:1.9;text-autospace:normal}
main{max-width:46em;margin:0 auto;background:#fff;padding:3em 3.5em}
header{text-align:center;border-bottom:3px double #9b1c1c;padding-bottom:1.2em}
h1{font-size:2em;letter-spacing:.12em;color:#9b1c1c;margin:.2em 0}
.publisher,.producers,.date{margin:.2em 0;font-family:"Noto Sans CJK SC",sans-serif}
h2{font-size:1.2em;font-family:"Noto Sans CJK SC",sans-serif;border-left:4px solid #9b1c1c;padding-left:.6em;margin-top:2em}
p{text-indent:2em;text-align:justify;margin:.6em 0}
.abstract p{text-indent:2em;background:#faf7f0;padding:.8em 1em}
nav ol{list-style:none;padding:0} nav li{margin:.2em 0}
.refs li{margin:.4em 0;font-size:.92em}
footer{margin-top:3em;border-top:1px solid #ccc;padding-top:1em;text-align:center;color:#555;font-size:.9em}
footer img{width:8em}
`;

/** What an edition takes besides the brief: what the config supplies and the pipeline knows. */
export interface EditionOptions {
  /** The QR code the config names (renderAssets), never a path from the brief; none when null or absent. */
  qr?: ConfigImage | null;
  /**
   * Whether a reference's address may be a link: the pipeline says yes only for addresses of stored
   * documents, so an address typed into a brief.json is printed as text at most (see linkTarget too).
   */
  linkable: (url: string) => boolean;
}

/**
 * The web edition: a whole page, every piece of text escaped, under a security policy that runs no
 * script and loads nothing (images are data: addresses). Returns the page's source.
 */
export function renderHtml(brief: Brief, options: EditionOptions): string {
  const toc = brief.items.map((item) => `<li><a href="#s${item.n}">${sectionNumber(item.n)}${e(item.headline)}</a></li>`).join('');
  const sections = brief.items
    .map((item) => `<section id="s${item.n}"><h2>${sectionNumber(item.n)}${e(item.headline)}</h2>${item.paragraphs.map((p) => `<p>${e(p)}</p>`).join('')}</section>`)
    .join('\n');
  const refs = brief.references
    .map((r) => {
      const href = options.linkable(r.url) ? linkTarget(r.url) : null;
      return `<li id="${e(r.id)}">${e(formatReference(r))}${href ? ` <a href="${e(href)}" rel="noopener noreferrer nofollow">原文</a>` : ''}</li>`;
    })
    .join('');
  const corrections = correctionLines(brief);
  // Only a corrected edition has the block: an uncorrected brief renders byte for byte as before.
  const correctionBlock = corrections.length > 0 ? `<section class="corrections"><h2>${CORRECTIONS_HEADING}</h2>${corrections.map((line) => `<p>${e(line)}</p>`).join('')}</section>\n` : '';
  const qr = options.qr ? `<img src="${e(imageDataUri(options.qr))}" alt="${e(brief.footer.account)}">` : '';
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(brief.title)} ${e(chineseFullDate(brief.date))}</title><style>${style}</style></head>
<body><main>
<header><h1>${e(brief.title)}</h1><p class="publisher">${e(brief.publisher)}</p>${brief.producers ? `<p class="producers">${e(brief.producers)}</p>` : ''}<p class="date">${e(chineseFullDate(brief.date))}</p></header>
${correctionBlock}<section class="abstract"><h2>摘要</h2><p>${e(brief.abstract)}</p></section>
<nav><h2>目录</h2><ol>${toc}<li><a href="#refs">参考文献</a></li></ol></nav>
${sections}
<section id="refs" class="refs"><h2>参考文献</h2><ul>${refs}</ul></section>
<footer>${qr}${[brief.footer.account, brief.footer.platform, brief.footer.disclaimer].filter(Boolean).map((line) => `<p>${e(line)}</p>`).join('')}</footer>
</main></body></html>
`;
}

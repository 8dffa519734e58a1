/**
 * The number an official document carries (文号), ending in 号 or, on traditional pages, 號
 * (發改數據規〔2025〕26號). Three forms are in use:
 * - 机关代字〔年份〕序号号: 国数政策〔2023〕11号, 工信部联规〔2024〕3号 (brackets vary: 〔〕, ［］, ﹝﹞, 【】, [], ());
 * - a ministry's order: 国家发展和改革委员会令第12号, 令 2024年第3号;
 * - a numbered announcement: 公告2024年第5号, 公告〔2024〕第1号.
 */
const bracketed = /[\u4e00-\u9fff]{1,12}\s*[〔［[（(﹝【]\s*(?:19|20)\d{2}\s*[〕］\]）)﹞】]\s*第?\s*\d{1,4}\s*[号號]/;
const order = /[\u4e00-\u9fff]{2,20}令\s*(?:(?:19|20)\d{2}\s*年\s*)?第\s*\d{1,4}\s*[号號]/;
const announcement = /[\u4e00-\u9fff]{0,20}公告\s*(?:19|20)\d{2}\s*年\s*第\s*\d{1,4}\s*[号號]/;

/**
 * Whether a 文号 at this offset is one the text cites rather than its own: written in parentheses right
 * after a 《title》 (…《关于…的意见》（国发〔2024〕10号）) or inside a sentence's parentheses. A document's
 * own number stands on its own: in the metadata table, under the title, above the first line.
 */
function isCited(source: string, at: number, title: string): boolean {
  const printed = source.slice(Math.max(0, at - 3 - title.length * 2), at);
  // A line of its own is no sentence's: the paragraph above it ends where the line does.
  if (/\n[^\S\n]*[（(]$/.test(printed)) return false;
  const before = printed.replace(/\s+/g, '');
  // Under the page's own title, in parentheses, it is the document's own: 国务院关于…的意见（国发〔2025〕11号）.
  if (title && before.replace(/[（(]$/, '').endsWith(title.replace(/\s+/g, ''))) return false;
  return /》[（(]$/.test(before) || /[\u4e00-\u9fff，、][（(]$/.test(before);
}

/**
 * The 文号 of a document: from the CMS's FileNumber tag, else the first of its own in the start of its text;
 * spaces removed, full-width digits (国办发〔２０２４〕１２号) written as ASCII.
 */
export function extractDocNumber(fileNumberTag: string, text: string, title = ''): string | null {
  // One character for one, so the offsets isCited reads hold in the text as printed.
  const halfWidthDigits = (printed: string) => printed.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  for (const source of [fileNumberTag, text.slice(0, 3000)].map(halfWidthDigits)) {
    const found = [bracketed, order, announcement]
      .flatMap((pattern) => [...source.matchAll(new RegExp(pattern.source, 'g'))])
      .filter((match) => !isCited(source, match.index, title))
      .sort((a, b) => a.index - b.index)[0];
    if (found) return found[0].replace(/\s+/g, '');
  }
  return null;
}

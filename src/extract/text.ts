/** Text clean-up shared by the extractors: whitespace of Chinese pages (full-width spaces, nbsp) folded. */
export function cleanText(text: string): string {
  return text.replace(/[\u00a0\u3000\t\r\f\v ]+/g, ' ').replace(/ *\n */g, '\n').trim();
}

/** One line: every run of whitespace, newlines included, becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

import type { AnyNode } from 'domhandler';

/** Text clean-up shared by the extractors: whitespace of Chinese pages (full-width spaces, nbsp) folded. */
export function cleanText(text: string): string {
  return text.replace(/[\u00a0\u3000\t\r\f\v ]+/g, ' ').replace(/ *\n */g, '\n').trim();
}

/** One line: every run of whitespace, newlines included, becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** For comparing texts: whitespace removed, case folded. */
export function foldText(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

/**
 * The text of a page on one line with a space between the texts of elements, so that dates and names in
 * adjacent spans (<span>Erstellt am</span><span>09.02.2022</span>) stay apart. Scripts and styles are skipped.
 */
export function spacedText(root: AnyNode | undefined): string {
  const texts: string[] = [];
  const stack: AnyNode[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') texts.push(node.data);
    else if ('children' in node && !(node.type === 'script' || node.type === 'style')) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return oneLine(texts.join(' '));
}

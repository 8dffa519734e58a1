import { hasChildren, type AnyNode, type ChildNode, type Document, type Element, type ParentNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { capDepth } from './flatten.ts';
import { removeAll } from './tree.ts';

const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Ruby glosses (furigana, pinyin) are read aloud, not read: 子<rt>こども</rt> is 子. */
const glossTags = new Set(['rt', 'rp']);

function isHeading(node: AnyNode): node is Element {
  return node.type === 'tag' && headingTags.has(node.name);
}

function isLink(node: AnyNode): node is Element {
  return node.type === 'tag' && node.name === 'a';
}

/** The elements of the tree the repairs need, each kind in document order, in one walk. */
function elementsToRepair(root: Document): { headings: Element[]; links: Element[]; glosses: Element[]; templates: Element[] } {
  const found = { headings: [] as Element[], links: [] as Element[], glosses: [] as Element[], templates: [] as Element[] };
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'tag') {
      if (headingTags.has(node.name)) found.headings.push(node);
      else if (node.name === 'a') found.links.push(node);
      else if (glossTags.has(node.name)) found.glosses.push(node);
      else if (node.name === 'template') found.templates.push(node);
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return found;
}

/**
 * An element opened directly inside one it closes ends it, as browsers parse it: <h1><h2>Headline</h2></h1>
 * is an empty h1 and an h2, <a name=x><a>1. Title</a> text</a> two links and the text outside both. The
 * inner element and what follows it move out, after the outer one. htmlparser2 nests them: a date in the
 * inner heading was read as part of the headline, and a section heading as a link.
 *
 * Each parent's children are read once, in order, a moved run taking its place right after the element it
 * left and read in turn (it may itself hold an element to move). The page's order of nodes is unchanged;
 * only who holds them. Linear: moving nodes one at a time into a parent of thousands cost a pass of the
 * parent each.
 */
function closeReopened(root: Document, reopens: (node: AnyNode) => node is Element): void {
  const parents: ParentNode[] = [root];
  while (parents.length > 0) {
    const parent = parents.pop()!;
    // The children still to read, the next one last.
    const pending = [...parent.children].reverse();
    const placed: ChildNode[] = [];
    let moved = false;
    while (pending.length > 0) {
      const node = pending.pop()!;
      placed.push(node);
      if (reopens(node)) {
        const at = node.children.findIndex(reopens);
        if (at >= 0) {
          const out = node.children.splice(at);
          relink(node.children);
          for (let i = out.length - 1; i >= 0; i--) pending.push(out[i]!);
          moved = true;
        }
      }
      if (hasChildren(node)) parents.push(node);
    }
    if (moved) {
      for (const node of placed) node.parent = parent;
      parent.children = placed;
      relink(placed);
    }
  }
}

/** Sets the sibling links of a list of children after it changed. */
function relink(children: AnyNode[]): void {
  children.forEach((node, i) => {
    node.prev = children[i - 1] ?? null;
    node.next = children[i + 1] ?? null;
  });
}

/**
 * Parses a page with htmlparser2 — five times faster than parse5, the parser cheerio uses by default —
 * and repairs the differences from a browser's tree that change what the extractor reads: headings in
 * headings and links in links, and <template> content, which a browser keeps out of the page (parse5 too)
 * and htmlparser2 puts in it. Ruby glosses go in the same walk. Over the 430 pages of the four sets of
 * eval:extract, the extraction differs from parse5's on one, where it finds a lead paragraph parse5's
 * tree hid. No element of the tree returned nests deeper than MAX_DEPTH (flatten.ts capDepth).
 */
export function parseHtml(html: string): Document {
  // Markup nested thousands deep costs the parser and every query its depth per element, and overflows the
  // DOM libraries' recursion: capped, it is read as usual.
  const document = parseDocument(capDepth(html));
  const { headings, links, glosses, templates } = elementsToRepair(document);
  // Each repair reads the whole tree: a page without the elements it repairs is spared it.
  if (headings.length > 0) closeReopened(document, isHeading);
  if (links.length > 0) closeReopened(document, isLink);
  removeAll(glosses);
  for (const template of templates) {
    for (const node of template.children) node.parent = null;
    template.children = [];
  }
  return document;
}

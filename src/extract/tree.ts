/**
 * Reading and changing a page's tree at a cost of the page's size once. Some of cheerio's operations cost
 * more on wide or deep markup, which pages from outside may have: `.find()` hands css-select the scope's
 * children, which domutils' removeSubsets compares each with every other (quadratic in the children: a
 * <div> of 20 000 <p>s took 600 ms to query; fb55/domutils#2313), a descendant selector (`body *`) walks
 * each element's ancestors, and `.remove()` looks each element up among its parent's children.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import { hasChildren, isComment, isTag, type AnyNode, type Element } from 'domhandler';

/** Each selector of a list asked relative to the scope: `a, b` → `:scope a, :scope b`. Commas in brackets, parentheses and quotes are no separators. */
function scoped(selector: string): string {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(selector.slice(start));
  return parts.map((part) => `:scope ${part.trim()}`).join(', ');
}

const scopedSelectors = new Map<string, string>();

/**
 * The elements inside `scopes` (one or more elements) that match a CSS selector list, as `.find()` gives
 * them, without its cost: css-select starts a `:scope`d query from the scope itself, not from its children.
 * In page order when the scopes are (and do not hold one another); an element inside two scopes comes once.
 */
export function findIn($: CheerioAPI, scopes: Cheerio<AnyNode> | readonly AnyNode[], selector: string): Cheerio<Element> {
  let query = scopedSelectors.get(selector);
  if (query === undefined) scopedSelectors.set(selector, (query = scoped(selector)));
  const found = new Set<Element>();
  for (const scope of 'toArray' in scopes ? scopes.toArray() : scopes) {
    // css-select tests the scope itself against `:scope x` too: it is no element inside itself.
    for (const element of $(scope).find(query).toArray()) if (element !== scope) found.add(element);
  }
  return $([...found]);
}

/**
 * Whether a node is inside an element matching `selector`, the node itself included: `.closest(selector)`
 * found, for many nodes. The matching elements are found once; `.closest()` compiles the selector again at
 * each ancestor of each node (a heading nested 200 deep, 200 compilations).
 */
export function insideAny($: CheerioAPI, selector: string): (node: AnyNode) => boolean {
  const matching = new Set<AnyNode>($(selector).toArray());
  return (node) => {
    for (let at: AnyNode | null = node; at; at = at.parent) if (matching.has(at)) return true;
    return false;
  };
}

/**
 * A reader of nodes' texts as `$(node).text()` gives them (domutils' textContent: comments say nothing),
 * each node's text joined once from its children's. `$(node).text()` walks the node's subtree each time,
 * so reading an element and then each element inside it, level after level, costs the subtree once per
 * level: 200 nested elements over 19 000 others, 3.8 million visits. Holds while the tree is unchanged.
 */
export function textReader(): (node: AnyNode) => string {
  const memo = new Map<AnyNode, string>();
  const read = (node: AnyNode): string => {
    const known = memo.get(node);
    if (known !== undefined) return known;
    const text = node.type === 'text' ? node.data : hasChildren(node) && !isComment(node) ? node.children.map(read).join('') : '';
    memo.set(node, text);
    return text;
  };
  return read;
}

/** The elements inside every <body> of a page, each once, in page order: `$('body *')` in one walk of the tree. */
export function elementsInBody($: CheerioAPI): Element[] {
  const elements: Element[] = [];
  // A stack rather than recursion; each entry says whether a <body> holds it.
  const stack: { node: AnyNode; inBody: boolean }[] = [{ node: $.root().get(0)!, inBody: false }];
  while (stack.length > 0) {
    const { node, inBody } = stack.pop()!;
    if (inBody && isTag(node)) elements.push(node);
    if (!('children' in node)) continue;
    const holds = inBody || (isTag(node) && node.name === 'body');
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, inBody: holds });
  }
  return elements;
}

/**
 * Takes nodes out of the tree: each parent's children are filtered once, so removing thousands of one
 * parent's children costs one pass of them, where `.remove()` costs a pass for each. Nodes inside a node
 * removed too are taken out of it alike.
 */
export function removeAll(nodes: Iterable<AnyNode>): void {
  const gone = new Set(nodes);
  const parents = new Set([...gone].map((node) => node.parent).filter((parent) => parent !== null));
  for (const parent of parents) {
    parent.children = parent.children.filter((child) => !gone.has(child));
    parent.children.forEach((node, i) => {
      node.prev = parent.children[i - 1] ?? null;
      node.next = parent.children[i + 1] ?? null;
    });
  }
  for (const node of gone) {
    node.parent = null;
    node.prev = null;
    node.next = null;
  }
}

import { Parser } from 'htmlparser2';
import { escapeHtml } from '../render/escape.ts';

/** Deeper than this, markup is pathological: its tags are dropped and its text kept. */
const MAX_DEPTH = 200;
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * Rewrites HTML so that no element nests deeper than MAX_DEPTH, for pages whose nesting would overflow
 * the stack of the recursive tree walks in the DOM libraries. Streams with htmlparser2, so it never recurses.
 */
export function flattenDeepHtml(html: string): string {
  const out: string[] = [];
  let depth = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const isVoid = voidElements.has(name);
        if (!isVoid) depth++;
        // A dropped element still ends a line, so paragraphs stay apart.
        if (depth > MAX_DEPTH) {
          if (!isVoid || name === 'br') out.push('<br>');
          return;
        }
        const attrs = Object.entries(attributes).map(([key, value]) => ` ${key}="${escapeHtml(value)}"`).join('');
        out.push(`<${name}${attrs}>`);
      },
      ontext(text) {
        out.push(escapeHtml(text));
      },
      onclosetag(name, isImplied) {
        if (voidElements.has(name)) return;
        if (depth <= MAX_DEPTH && !(isImplied && depth === 0)) out.push(`</${name}>`);
        depth = Math.max(0, depth - 1);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return out.join('');
}

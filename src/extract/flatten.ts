import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * Deeper than this, markup is pathological: its tags are dropped and its text kept. Pages nest 20–40 deep;
 * browsers stop nesting at 512 (Chromium's kMaximumHTMLParserDOMTreeDepth).
 */
export const MAX_DEPTH = 200;

/** Elements without content or end tag, as htmlparser2's parser reads them: they never nest. */
const voidElements = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Openers that end a paragraph left open: <p>…<div> is a p and a div beside it. */
const closesParagraph = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul']);
/** Other elements a new one ends, by the opener: those pages leave open by the thousand (li, td, tr, option…). */
const closedBy = new Map<string, ReadonlySet<string>>([
  ['li', new Set(['li'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['td', new Set(['td', 'th'])],
  ['th', new Set(['th'])],
  ['tr', new Set(['tr', 'td', 'th'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
]);

/** Whether opening `name` ends the open element `open`: a subset of htmlparser2's rules (Parser.ts, openImpliesClose). */
function ends(name: string, open: string): boolean {
  return (open === 'p' && closesParagraph.has(name)) || (closedBy.get(name)?.has(open) ?? false);
}

/**
 * Rewrites HTML so that no element nests deeper than MAX_DEPTH: deeper tags are dropped (an element's start
 * tag becomes a <br>, so paragraphs stay apart, and a run of them one <br>; its end tag goes), everything else is the page as written.
 * Returns the page itself when nothing nests that deep.
 *
 * Why before parsing: htmlparser2's parser keeps its open elements in an array it shifts at the front, and
 * a DOM query walks a node's ancestors, so both cost the depth per element: 160 000 nested <div>s (800 KB)
 * took 11 s to parse, <p><span> repeated as long 32 s (fb55/htmlparser2#2481), and the DOM libraries'
 * recursive walks overflow the stack. This pass reads the page with htmlparser2's own tokenizer and keeps its
 * open elements on a stack it pushes and pops: linear. It ends elements a subset of the ways the parser does
 * (an end tag, or an opener such as <p> ending an open <p>), so its depth is never less than the parser's
 * and the parser, fed its output, never nests deeper than MAX_DEPTH.
 */
export function capDepth(html: string): string {
  // Open elements, innermost last; `kept` false for those dropped, which are all above MAX_DEPTH.
  const stack: { name: string; kept: boolean }[] = [];
  const openCount = new Map<string, number>();
  const cuts: { from: number; to: number; put: string }[] = [];
  let tag = { name: '', from: 0 };

  const pop = () => {
    const { name, kept } = stack.pop()!;
    openCount.set(name, openCount.get(name)! - 1);
    return { name, kept };
  };
  const open = (to: number) => {
    const { name, from } = tag;
    while (stack.length > 0 && ends(name, stack[stack.length - 1]!.name)) pop();
    if (voidElements.has(name)) return;
    const kept = stack.length < MAX_DEPTH;
    if (!kept) {
      // A run of dropped start tags, white space between them, is one break: 19 000 <br>s at MAX_DEPTH cost
      // every later query of the page the depth once per <br> (a descendant selector walks their ancestors).
      const last = cuts[cuts.length - 1];
      if (last?.put === '<br>' && html.slice(last.to, from).trim() === '') last.to = to;
      else cuts.push({ from, to, put: '<br>' });
    }
    stack.push({ name, kept });
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };
  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      // The tokenizer reports where the name is; the tag starts at the '<' before it.
      tag = { name: html.slice(start, end).toLowerCase(), from: html.lastIndexOf('<', start) };
    },
    onopentagend(end) {
      open(end + 1);
    },
    // In HTML a start tag written <x/> still opens an element; htmlparser2 closes it only inside svg and
    // math. Counted open, as the parser may keep it.
    onselfclosingtag(end) {
      open(end + 1);
    },
    onclosetag(start, end) {
      const name = html.slice(start, end).toLowerCase();
      if (!openCount.get(name)) return;
      // The end tag closes the innermost element of its name and every element opened inside it.
      let closed = pop();
      while (closed.name !== name) closed = pop();
      if (!closed.kept) {
        const close = html.indexOf('>', end);
        cuts.push({ from: html.lastIndexOf('<', start), to: close < 0 ? html.length : close + 1, put: '' });
      }
    },
    onattribdata() {},
    onattribentity() {},
    onattribend() {},
    onattribname() {},
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onend() {},
    onprocessinginstruction() {},
    ontext() {},
    ontextentity() {},
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  if (cuts.length === 0) return html;
  const out: string[] = [];
  let at = 0;
  for (const { from, to, put } of cuts) {
    out.push(html.slice(at, from), put);
    at = to;
  }
  out.push(html.slice(at));
  return out.join('');
}

import { existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { validate } from '../config/load.ts';
import { sourceFileSchema } from '../config/schema.ts';
import { writeFileAtomically } from '../util/atomicFile.ts';
import { errorLine, linePart, UserError } from '../util/errors.ts';

/*
 * Edits of a catalog file made by the editor's desk. Like markVerified.ts they find the source with yaml's
 * Document API and replace the file whole (temporary name, then rename); unlike it they change only the
 * bytes of the edit, spliced at the node's offsets in the text, since re-printing the whole document would
 * re-space every flow list of the file ([a, b] and { a: b } cannot both keep their spacing). Each edit is
 * then checked: the new text, parsed, must equal the old data with exactly that change and pass the
 * catalog's schema; otherwise nothing is written.
 */

type Item = YAMLMap<unknown, unknown>;

interface Catalog {
  text: string;
  doc: Document.Parsed;
  /** The file's sources as plain data (what loadSources reads); [] for a file holding none yet. */
  data: Record<string, unknown>[];
  items: YAMLSeq<unknown> | null;
}

/** A catalog file parsed; throws UserError naming the file when it is no YAML or no block list of sources. */
function readCatalog(file: string): Catalog {
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text);
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw new UserError(`来源文件 ${file} 不是合法的 YAML：${linePart(problem.message.split('\n')[0] ?? '')}`, `catalog file ${file} is not valid YAML: ${linePart(problem.message.split('\n')[0] ?? '')}`);
  const contents = doc.contents;
  // A block list only: text spliced at its end or inside its items is then a list item too.
  if (contents !== null && !(isSeq(contents) && !contents.flow)) throw new UserError(`来源文件 ${file} 不是来源列表（应为 YAML 块列表）`, `catalog file ${file} is not a list of sources (a YAML block list)`);
  const data = (doc.toJS() as Record<string, unknown>[] | null) ?? [];
  return { text, doc, data, items: contents };
}

/** Where a node begins and its value ends in the text (yaml's range: [start, valueEnd, nodeEnd]). */
function rangeOf(node: unknown): [number, number] {
  const range = (node as Node | null)?.range;
  if (!range) throw new Error('a parsed node without its range');
  return [range[0], range[1]];
}

function keyOf(pair: Pair<unknown, unknown>): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

/** A string as a YAML double-quoted scalar on one line, as the catalog writes reasons. */
function quoted(text: string): string {
  return stringify(text, { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 0 }).trimEnd();
}

/**
 * Writes `text` to `file` once it parses to `expected` and passes the catalog's schema; throws UserError
 * (one line, naming the file) otherwise, writing nothing.
 */
function writeChecked(file: string, text: string, expected: unknown): void {
  const doc = parseDocument(text);
  let data: unknown;
  try {
    if (doc.errors.length > 0) throw doc.errors[0]!;
    data = doc.toJS();
  } catch (err) {
    throw new UserError(`来源文件 ${file} 修改后无法解析，未写入：${errorLine(err, 'zh')}`, `catalog file ${file} would not parse after the edit, nothing written: ${errorLine(err, 'en')}`);
  }
  if (!isDeepStrictEqual(data, expected)) throw new UserError(`来源文件 ${file} 的写法无法只改动这一处，未写入：请手工编辑`, `catalog file ${file} cannot be edited at this one place, nothing written: edit it by hand`);
  validate(sourceFileSchema, data, file);
  writeFileAtomically(file, text);
}

function findSource(catalog: Catalog, file: string, id: string): { item: Item; index: number } {
  const index = catalog.items?.items.findIndex((item) => isMap(item) && item.get('id') === id) ?? -1;
  if (index < 0) throw new UserError(`来源文件 ${file} 中没有来源 ${id}`, `no source ${id} in catalog file ${file}`);
  return { item: catalog.items!.items[index] as Item, index };
}

/** Offset of the start of the line holding `offset`, and of the start of the line after it. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
function nextLine(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end + 1;
}

/**
 * Sets (`reason`, a non-empty line) or removes (`null`) the `disabled:` key of source `id` in catalog
 * `file`. A new key goes before the source's `entries:`, where the catalog writes it; a present one has
 * its value replaced; removing takes its line away (with a comment on that line). Returns false when the
 * file already says so (nothing written). Throws UserError naming the file for an unknown id, a file that is
 * not a block list of sources, or an edit that would change anything else.
 */
export function setSourceDisabled(file: string, id: string, reason: string | null): boolean {
  const catalog = readCatalog(file);
  const { item, index } = findSource(catalog, file, id);
  const { text } = catalog;
  const pairs = item.items;
  const at = pairs.findIndex((pair) => keyOf(pair) === 'disabled');
  const expected = catalog.data.map((source, i) => {
    if (i !== index) return source;
    const rest = { ...source };
    delete rest.disabled;
    return reason === null ? rest : { ...rest, disabled: reason };
  });
  let next: string;
  if (reason === null) {
    if (at < 0) return false;
    const [keyStart] = rangeOf(pairs[at]!.key);
    const [, valueEnd] = rangeOf(pairs[at]!.value ?? pairs[at]!.key);
    const start = lineStart(text, keyStart);
    // `- disabled: …` opens the item: the next key takes its place after the dash.
    const following = pairs[at + 1];
    next = text.slice(start, keyStart).trim() === '' || !following
      ? text.slice(0, start) + text.slice(nextLine(text, valueEnd))
      : text.slice(0, keyStart) + text.slice(rangeOf(following.key)[0]);
  } else if (at >= 0) {
    const value = pairs[at]!.value;
    if (isScalar(value) && value.value === reason) return false;
    const [valueStart, valueEnd] = rangeOf(value);
    next = text.slice(0, valueStart) + quoted(reason) + text.slice(valueEnd);
  } else {
    const entries = pairs.find((pair) => keyOf(pair) === 'entries');
    if (!entries) throw new UserError(`来源文件 ${file} 中的来源 ${id} 没有 entries`, `source ${id} in catalog file ${file} has no entries`);
    const [keyStart] = rangeOf(entries.key);
    const column = keyStart - lineStart(text, keyStart);
    next = `${text.slice(0, keyStart)}disabled: ${quoted(reason)}\n${' '.repeat(column)}${text.slice(keyStart)}`;
  }
  writeChecked(file, next, expected);
  return true;
}

/**
 * Appends a source (plain data: what the schema reads, undefined keys left out) at the end of catalog
 * `file`, after a comment line saying where it came from. A file that does not exist is made, opening with
 * `header` (comment lines). Throws UserError naming the file when its id is there already, the file is not
 * a block list of sources, or the result would break the schema (naming the key).
 */
export function appendSource(file: string, source: Record<string, unknown>, comment: string, header: string): void {
  const entry = JSON.parse(JSON.stringify(source)) as Record<string, unknown>;
  const catalog = existsSync(file) ? readCatalog(file) : undefined;
  const data = catalog?.data ?? [];
  if (data.some((other) => other.id === entry.id)) throw new UserError(`来源文件 ${file} 中已有来源 ${String(entry.id)}`, `catalog file ${file} already has a source ${String(entry.id)}`);
  const comments = (lines: string) => lines.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n');
  let before = catalog?.text ?? `${comments(header)}\n`;
  if (before !== '' && !before.endsWith('\n')) before += '\n';
  const next = `${before}${comments(comment)}\n${stringify([entry], { lineWidth: 0 })}`;
  writeChecked(file, next, [...data, entry]);
}

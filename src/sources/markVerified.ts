import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument, type Node } from 'yaml';
import { UserError } from '../util/errors.ts';

/**
 * Writes each checked source's `verified` flag into its catalog file, keeping the file's comments and
 * layout; the file is replaced whole (temporary name, then rename).
 */
export function markVerified(file: string, results: ReadonlyMap<string, boolean>): number {
  // Non-strict nodes: get() and set() then read and write plain values.
  const doc = parseDocument<Node, false>(readFileSync(file, 'utf8'));
  if (!isSeq(doc.contents)) throw new UserError(`来源文件 ${file} 不是来源列表`, `catalog file ${file} is not a list of sources`);
  let changed = 0;
  for (const item of doc.contents.items) {
    if (!isMap(item)) continue;
    const id = item.get('id');
    if (typeof id !== 'string' || !results.has(id)) continue;
    const verified = results.get(id)!;
    if (item.get('verified') === verified) continue;
    item.set('verified', verified);
    changed++;
  }
  if (changed > 0) {
    writeFileSync(`${file}.tmp`, doc.toString({ lineWidth: 0 }));
    renameSync(`${file}.tmp`, file);
  }
  return changed;
}

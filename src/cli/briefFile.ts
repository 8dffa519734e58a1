import { readFileSync } from 'node:fs';
import { briefSchema, type Brief } from '../domain/brief.ts';
import { UserError } from '../util/errors.ts';

/** Reads and validates a brief.json; the error names the file and the field. */
export function readBriefFile(file: string): Brief {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(`无法读取 ${file}（${code}）`, `cannot read ${file} (${code})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file} 不是合法的 JSON：${(err as Error).message}`, `${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = briefSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') || '(根)';
    throw new UserError(`${file} 的字段 ${key} 无效：${issue?.message ?? ''}`, `${file}: field ${key} is invalid: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}

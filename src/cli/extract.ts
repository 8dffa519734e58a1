import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { decodeHtml } from '../crawl/charset.ts';
import { extractArticle } from '../extract/article.ts';
import { UserError } from '../util/errors.ts';
import { stringOption, type CommandContext } from './context.ts';

/** `xinzhi extract PAGE... [--url URL] [--json]`: what the extractor finds on saved pages. */
export function extractCommand(context: CommandContext): number {
  for (const file of context.positionals) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new UserError(`无法读取页面 ${file}（${code}）`, `cannot read page ${file} (${code})`);
    }
    const url = stringOption(context, 'url') ?? pathToFileURL(file).href;
    const article = extractArticle(decodeHtml(bytes).text, url);
    const result = {
      file,
      kind: article.kind,
      title: article.title,
      publishedAt: article.publishedAt,
      publisher: article.publisher,
      repostOf: article.repostOf,
      docNumber: article.docNumber,
      body: article.paragraphs.join('\n'),
      attachments: article.attachments,
    };
    if (context.json) context.print(JSON.stringify(result));
    else {
      context.print(`== ${file}`);
      for (const [key, value] of Object.entries(result)) if (key !== 'file' && key !== 'body') context.print(`${key}: ${typeof value === 'string' || value === null ? value : JSON.stringify(value)}`);
      context.print(result.body);
    }
  }
  return 0;
}

import { z } from 'zod';
import { briefSchema } from '../domain/brief.ts';

/** brief.json's JSON Schema as committed in docs/, derived from the model so the two cannot drift. */
export function briefJsonSchema(): string {
  const schema = { ...z.toJSONSchema(briefSchema), $id: 'https://xinzhi.invalid/brief.schema.json', title: 'xinzhi brief.json' };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

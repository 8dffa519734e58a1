/** Writes docs/brief.schema.json, the JSON Schema of brief.json, from the zod model. Run: npx tsx scripts/brief-schema.ts */
import { writeFileSync } from 'node:fs';
import { briefJsonSchema } from '../src/brief/schemaFile.ts';

const file = new URL('../docs/brief.schema.json', import.meta.url);
writeFileSync(file, briefJsonSchema());
console.log(`wrote ${file.pathname}`);

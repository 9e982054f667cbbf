/** `npm run schema`: regenerates config/dataworq.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchemaText } from './json-schema.ts';

export const CONFIG_JSON_SCHEMA_PATH = fileURLToPath(new URL('../../config/dataworq.schema.json', import.meta.url));

export function writeConfigJsonSchema(path: string = CONFIG_JSON_SCHEMA_PATH): string {
  writeFileSync(path, configJsonSchemaText());
  return path;
}

if (import.meta.main) console.log(`wrote ${writeConfigJsonSchema()}`);

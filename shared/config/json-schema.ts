/** The editor's view of the flows config: a JSON Schema of what a user may write (zod's input side). */
import * as z from 'zod';
import { configSchema } from './schema.ts';

export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'DataWORQ cloud runner flows config',
    description: 'config/dataworq.yaml: connector, flows, schedules, webhooks and alert subscribers. Generated from shared/config/schema.ts by `npm run schema`; do not edit.',
    ...rest,
  };
}

/** Exactly the text of config/dataworq.schema.json, so a test can prove the file is current. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

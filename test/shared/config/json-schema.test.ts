import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, configJsonSchemaText } from '../../../shared/config/json-schema.ts';
import { CONFIG_JSON_SCHEMA_PATH } from '../../../shared/config/write-json-schema.ts';

describe('configJsonSchema', () => {
  it('matches the committed config/dataworq.schema.json (run `npm run schema` after changing the schema)', () => {
    // Act
    const committed = readFileSync(CONFIG_JSON_SCHEMA_PATH, 'utf8');

    // Assess
    expect(committed).toBe(configJsonSchemaText());
  });

  it('describes what a user writes: durations as text, unknown keys refused, flow names constrained', () => {
    // Act
    const schema = configJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: { flows: { propertyNames: { pattern: string }; additionalProperties: { properties: Record<string, { default?: unknown }> } } };
    };

    // Assess
    const flow = schema.properties.flows.additionalProperties.properties;
    expect(schema.required).toEqual(['flows']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.flows.propertyNames.pattern).toBe('^[a-z0-9][a-z0-9-]{0,39}$');
    expect(flow['maxDuration']?.default).toBe('12h');
    expect(flow['maxDurationSeconds']).toBeUndefined();
  });
});

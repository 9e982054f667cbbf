/**
 * Generated configs for the scale bench and its tests: `flows` flows with two schedules and a
 * webhook each, started by three named callers that share credentials across all of them.
 */
import { validateConfig } from '../shared/config/validate-config.ts';
import type { DwqConfig } from '../shared/config/schema.ts';

export function scaleConfig(flows: number): DwqConfig {
  const names = Array.from({ length: flows }, (_, index) => `flow-${String(index + 1).padStart(4, '0')}`);
  const half = Math.ceil(flows / 2);
  return validateConfig(
    {
      webhook: {
        callers: [
          { name: 'orchestrator', auth: 'signature', flows: '*' },
          { name: 'planning', auth: 'bearer', flows: names.slice(0, half) },
          { name: 'reporting', auth: 'signature', flows: names.slice(half) },
        ],
      },
      flows: Object.fromEntries(
        names.map((name, index) => [
          name,
          {
            flowId: uuidFor(index),
            description: `Generated flow ${index + 1}`,
            parameters: { ROWS: { type: 'integer', default: 1000 }, REGION: { type: 'string', default: 'emea' } },
            webhook: { allow: ['ROWS'] },
            schedules: [
              { name: 'nightly', expression: `cron(${index % 60} 2 * * ? *)`, timeZone: 'Europe/London', parameters: { ROWS: 5000 } },
              { name: 'weekly', expression: `cron(${index % 60} 6 ? * MON *)`, timeZone: 'America/New_York' },
            ],
          },
        ]),
      ),
      subscribers: [{ name: 'ops', email: 'ops@example.com' }],
    },
    `generated config of ${flows} flows`,
  );
}

function uuidFor(index: number): string {
  const hex = (index + 1).toString(16).padStart(12, '0');
  return `2932ca30-8871-48b1-8e9b-${hex}`;
}

/**
 * The config every backfill test replays: flows with a nightly schedule at 01:30 London time
 * (so the range 2026-03-27..30 crosses the spring-forward night) and a TABLENAME rendered from
 * the logical date, and one subscriber who receives the summary alert.
 */
export interface NightlyFlow {
  readonly name: string;
  readonly overlap?: 'skip' | 'allow';
  /** More parameter lines, as YAML under `parameters:` (e.g. `ROWS: { type: integer, default: 10 }`). */
  readonly parameters?: readonly string[];
}

export function backfillConfigYaml(flows: readonly NightlyFlow[]): string {
  return ['defaults: { timeZone: Europe/London }', 'flows:', ...flows.flatMap(flowLines), 'subscribers:', '  - { name: ops, email: ops@example.com }', ''].join('\n');
}

function flowLines(flow: NightlyFlow): string[] {
  return [
    `  ${flow.name}:`,
    '    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68',
    '    dataworqFlowName: Demo',
    ...(flow.overlap ? [`    overlap: ${flow.overlap}`] : []),
    '    parameters:',
    `      TABLENAME: { type: string, default: "{{ logicalTime | format: 'yyyy-MM-dd' }}" }`,
    ...(flow.parameters ?? []).map((line) => `      ${line}`),
    '    schedules:',
    '      - { name: nightly, expression: cron(30 1 * * ? *), timeZone: Europe/London }',
  ];
}

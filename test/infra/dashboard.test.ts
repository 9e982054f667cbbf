/**
 * The dashboard in the synthesized template: it graphs the runner's own metrics (the names the
 * emitter uses), shows the alarms, has a fixed number of widgets whatever the number of flows,
 * and its URL is a stack output.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { METRICS_NAMESPACE, RUN_METRICS } from '../../shared/metrics/constants.ts';
import { synthStack } from '../helpers/synth.ts';

interface Widget {
  readonly type: string;
  readonly properties: { title?: string; metrics?: unknown[][]; alarms?: unknown[] };
}

/** The dashboard body with its tokens (alarm ARNs, region) as plain text. */
function dashboardBody(template: Template): { widgets: Widget[]; text: string } {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = (dashboards[0] as { Properties: { DashboardBody: { 'Fn::Join': [string, unknown[]] } } }).Properties.DashboardBody;
  const text = body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : JSON.stringify(part).replaceAll('"', '\\"'))).join('');
  return { widgets: (JSON.parse(text) as { widgets: Widget[] }).widgets, text };
}

/** The shipped config with `count` more flows, copies of its first one without schedules or webhook. */
function configWithFlows(count: number): DwqConfig {
  const config = loadConfig();
  const [first] = Object.values(config.flows);
  const extra = Object.fromEntries(Array.from({ length: count }, (_, i) => [`extra-flow-${i}`, { ...first!, schedules: [], webhook: undefined }]));
  return { ...config, flows: { ...config.flows, ...extra } } as DwqConfig;
}

let template: Template;

beforeAll(() => {
  template = synthStack().template;
});

describe('Dashboard', () => {
  it('graphs the runner\'s metrics in its namespace: outcomes, failure rate, durations, DataWORQ latency and errors', () => {
    // Act
    const { widgets, text } = dashboardBody(template);

    // Assess
    const graphs = widgets.filter((widget) => widget.type === 'metric');
    expect(graphs.length).toBeGreaterThanOrEqual(6);
    for (const metric of Object.values(RUN_METRICS)) expect(text, metric.name).toContain(metric.name);
    expect(text).toContain(`SEARCH('{${METRICS_NAMESPACE},flow,outcome,service} MetricName=\\"Outcomes\\"', 'Sum', 3600)`);
    // Failure rate is metric math over the 0/1 RunFailed average, as a percentage of the top flows.
    expect(text).toContain(`100 * SORT(SEARCH('{${METRICS_NAMESPACE},flow,service} MetricName=\\"RunFailed\\"', 'Average', 3600), AVG, DESC, 20)`);
    expect(text).toContain(`{${METRICS_NAMESPACE},operation,service} MetricName=\\"DataworqLatency\\"`);
    expect(text).toContain(`{${METRICS_NAMESPACE},operation,service} MetricName=\\"DataworqErrors\\"`);
  });

  it('shows every backstop alarm in an alarm status widget', () => {
    // Prepare
    const alarmIds = Object.keys(template.findResources('AWS::CloudWatch::Alarm'));

    // Act
    const { widgets } = dashboardBody(template);

    // Assess
    const status = widgets.filter((widget) => widget.type === 'alarm');
    expect(status).toHaveLength(1);
    const shown = JSON.stringify(status[0]!.properties.alarms);
    expect(alarmIds.length).toBeGreaterThanOrEqual(11);
    for (const id of alarmIds) expect(shown, id).toContain(id);
  });

  it('keeps the same widgets for 40 more flows, far below CloudWatch\'s 500 widgets and 1 MB', () => {
    // Act
    const few = dashboardBody(template);
    const many = dashboardBody(synthStack(configWithFlows(40)).template);

    // Assess
    expect(many.widgets.length).toBe(few.widgets.length);
    expect(many.text.length).toBe(few.text.length);
    expect(many.widgets.length).toBeLessThan(500);
    expect(Buffer.byteLength(many.text)).toBeLessThan(1024 * 1024);
    // No flow is named in the body: SEARCH finds them when the dashboard loads.
    expect(many.text).not.toContain('extra-flow-');
  }, 120_000);

  it('outputs the dashboard\'s console URL', () => {
    // Act
    const output = template.findOutputs('DashboardUrl').DashboardUrl as { Value: { 'Fn::Join': [string, unknown[]] } };

    // Assess
    const url = JSON.stringify(output.Value);
    expect(url).toContain('https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=');
    expect(url).toMatch(/"Ref":"Dashboard/);
  });
});

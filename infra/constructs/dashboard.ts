/**
 * The operators' CloudWatch dashboard: per flow, outcomes, failure rate and durations; DataWORQ
 * latency and errors by operation; the engine's detection lag and checks per run; the alarms.
 *
 * Its size does not depend on the number of flows: each per-flow graph is one SEARCH expression
 * (CloudWatch finds every flow's series when the dashboard loads), cut to the top flows with SORT,
 * so a thousand flows give the same widgets as one (CloudWatch allows 500 widgets and 1 MB).
 * Metric names and dimensions come from shared/metrics/constants.ts, which the emitter uses too.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { METRIC_DIMENSIONS, METRICS_NAMESPACE, METRICS_SERVICE, RUN_METRICS, type MetricDefinition } from '../../shared/metrics/constants.ts';

export interface DashboardProps {
  /** The alarms shown in the alarm status widget (infra/constructs/alarms.ts). */
  readonly alarms: readonly cloudwatch.IAlarm[];
  /** How many flows each per-flow graph shows, the worst first. Default 20. */
  readonly topFlows?: number;
}

const HOUR = Duration.hours(1);
const FIVE_MINUTES = Duration.minutes(5);
const WIDTH = 12;
const HEIGHT = 6;

export class Dashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  /** The console URL of the dashboard (a stack output). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const top = props.topFlows ?? 20;
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [heading(top)],
        [
          graph('Outcomes by flow (runs per hour)', [sorted(search(RUN_METRICS.outcomes, 'Sum', HOUR), 'SUM', top, byDimension('flow', 'outcome'))], { stacked: true }),
          graph('Failure rate by flow (%)', [sorted(search(RUN_METRICS.runFailed, 'Average', HOUR), 'AVG', top, byDimension('flow'), 100)]),
        ],
        [
          graph('Run duration by flow (seconds, p90)', [sorted(search(RUN_METRICS.runDuration, 'p90', HOUR), 'MAX', top, byDimension('flow'))]),
          graph('Runs started and ended (per hour)', [
            engineMetric(RUN_METRICS.runsStarted, 'Sum', HOUR, 'started'),
            new cloudwatch.MathExpression({ expression: `SUM(${search(RUN_METRICS.outcomes, 'Sum', HOUR)})`, label: 'ended', period: HOUR, usingMetrics: {} }),
          ]),
        ],
        [
          graph('DataWORQ latency by operation (ms, p90)', [searchExpression(search(RUN_METRICS.dataworqLatency, 'p90', FIVE_MINUTES), FIVE_MINUTES, byDimension('operation'))]),
          graph('DataWORQ errors by operation (failed calls)', [searchExpression(search(RUN_METRICS.dataworqErrors, 'Sum', FIVE_MINUTES), FIVE_MINUTES, byDimension('operation'))]),
        ],
        [
          graph('Detection lag: job end → seen (seconds)', [
            engineMetric(RUN_METRICS.detectionLag, 'p50', HOUR, 'p50'),
            engineMetric(RUN_METRICS.detectionLag, 'p99', HOUR, 'p99'),
          ]),
          graph('Checks per run', [engineMetric(RUN_METRICS.checksPerRun, 'Average', HOUR, 'average'), engineMetric(RUN_METRICS.checksPerRun, 'Maximum', HOUR, 'max')]),
        ],
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 2 * WIDTH, height: HEIGHT })],
      ],
    });
    const region = Stack.of(this).region;
    this.url = `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${this.dashboard.dashboardName}`;
  }
}

/** `SEARCH('{DataworqRunner,<dimensions>,service} MetricName="<name>"', '<stat>', <seconds>)`: every series of the metric. */
export function search(metric: MetricDefinition, statistic: string, period: Duration): string {
  const schema = [METRICS_NAMESPACE, ...metric.dimensions.map((name) => METRIC_DIMENSIONS[name]), METRIC_DIMENSIONS.service].join(',');
  return `SEARCH('{${schema}} MetricName="${metric.name}"', '${statistic}', ${period.toSeconds()})`;
}

/** The `top` series of a search, largest by `by`; `scale` multiplies (a 0/1 average becomes a percentage). */
function sorted(expression: string, by: 'SUM' | 'AVG' | 'MAX', top: number, label: string, scale?: number): cloudwatch.MathExpression {
  const ordered = `SORT(${expression}, ${by}, DESC, ${top})`;
  return searchExpression(scale === undefined ? ordered : `${scale} * ${ordered}`, HOUR, label);
}

/** A dynamic label: each series a search finds is named by its own dimension values. */
function byDimension(...names: (keyof typeof METRIC_DIMENSIONS)[]): string {
  return names.map((name) => `\${PROP('Dim.${METRIC_DIMENSIONS[name]}')}`).join(' ');
}

function searchExpression(expression: string, period: Duration, label: string): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({ expression, period, label, usingMetrics: {} });
}

/** An engine-wide metric (dimension `service` only). */
function engineMetric(metric: MetricDefinition, statistic: string, period: Duration, label: string): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: metric.name, dimensionsMap: { service: METRICS_SERVICE }, statistic, period, label });
}

function graph(title: string, left: cloudwatch.IMetric[], options: { stacked?: boolean } = {}): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left, width: WIDTH, height: HEIGHT, stacked: options.stacked ?? false, legendPosition: cloudwatch.LegendPosition.RIGHT });
}

function heading(top: number): cloudwatch.TextWidget {
  return new cloudwatch.TextWidget({
    width: 2 * WIDTH,
    height: 2,
    markdown: [
      `## DataWORQ runner`,
      `Per-flow graphs show the ${top} flows that stand out most (namespace \`${METRICS_NAMESPACE}\`, dimensions \`flow\`, \`outcome\`, \`operation\`).`,
      'A failure is ERROR, CANCELLED, TIMED_OUT, SUBMIT_FAILED or LOST; SKIPPED and COMPLETED are not. Run history: `dwq runs --stack <name>`.',
    ].join('\n\n'),
  });
}

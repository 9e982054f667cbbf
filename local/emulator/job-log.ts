import type { FlowParameter } from '../../shared/dataworq/types.ts';
import type { JobTimeline } from './job-timeline.ts';
import { renderLogTable } from './log-table.ts';
import { formatLogStamp, formatRuntime } from './time-format.ts';
import type { EmulatorFlow } from './types.ts';

export interface LoggedJob {
  readonly id: string;
  readonly flow: EmulatorFlow;
  readonly runProfileName: string;
  readonly parameters: readonly FlowParameter[];
  readonly submittedAt: number;
}

const USER = 'user.${ctx:USER}';

/**
 * The final log of a job in the seed's style: job and execution details, the parameter set when
 * parameters were given, one PERFORMANCE line per step, optional padding up to the flow's
 * logBytes, the execution results and a last line saying how the job ended. `\r\n` line ends.
 */
export function buildJobLog(job: LoggedJob, timeline: JobTimeline): string {
  const { flow } = job;
  const at = (offsetMs: number): string => formatLogStamp(job.submittedAt + offsetMs);
  const jobName = `${flow.name}_${job.runProfileName}`;
  const parts = [
    `${at(timeline.queuedMs + 7)} [pool-8-thread-2] INFO ${USER} job.RunProfileJobImpl - \r\n`,
    renderLogTable('Job Execution Details', ['NAME', 'VALUE'], [['Job Name', jobName], ['Execution Id', job.id]]),
    `\r\n${at(timeline.queuedMs + 15)} [pool-8-thread-2] INFO ${USER} service.DefaultFlowExecutionServiceImpl - \r\n`,
    renderLogTable('Execution Details', ['NAME', 'VALUE'], [
      ['Flow Id', flow.flowId],
      ['Flow Name', `C:/Temp/${flow.name}.flx`],
      ['Type', 'RUNPROFILE'],
      ['RUNITEM', job.runProfileName],
    ]),
    '\r\n',
    ...parameterSet(job),
    ...timeline.steps.map((step, index) => {
      const seconds = ((step.endMs - step.startMs) / 1000).toFixed(3);
      const node = `node_${7000001 + index}:${step.name}:${step.name}`;
      return `${at(step.endMs)} [pool-11-thread-1] PERFORMANCE ${USER} node.DatabaseCommandOutputNode - ${node} | Elapsed Time (s): ${seconds}\r\n`;
    }),
  ];
  const ending = [
    `${at(timeline.endMs + 5)} [pool-8-thread-2] INFO ${USER} service.DefaultFlowExecutionServiceImpl - \r\n`,
    resultsTable(flow, timeline),
    `\r\n${at(timeline.endMs + 8)} ${finalLine(flow)}\r\n`,
  ];
  const padding = paddingLines(flow.logBytes ?? 0, byteLength(parts) + byteLength(ending), at(timeline.endMs));
  return [...parts, padding, ...ending].join('');
}

function parameterSet(job: LoggedJob): string[] {
  if (job.parameters.length === 0) return [];
  const rows = job.parameters.map(({ name, type, value }) => [
    name,
    type.toUpperCase(),
    typeof value === 'string' ? `"${value}"` : String(value),
  ]);
  return [`${renderLogTable(`Parameter Set: ${job.runProfileName}_params`, ['NAME', 'TYPE', 'VALUE'], rows)}\r\n\r\n\r\n`];
}

function resultsTable(flow: EmulatorFlow, timeline: JobTimeline): string {
  const last = timeline.steps.length - 1;
  const rows = timeline.steps.map((step, index) => [
    step.name,
    index === last ? flow.outcome : 'COMPLETED',
    formatRuntime(step.endMs - step.startMs),
  ]);
  const total = timeline.endMs - timeline.queuedMs;
  return renderLogTable('Execution Results', ['NAME', 'STATUS', 'RUNTIME'], [...rows, ['Total', flow.outcome, formatRuntime(total)]]);
}

function finalLine(flow: EmulatorFlow): string {
  if (flow.outcome === 'COMPLETED') return `[pool-8-thread-2] INFO ${USER} job.RunProfileJobImpl - Job completed successfully.`;
  if (flow.outcome === 'CANCELLED') return `[pool-8-thread-2] WARN ${USER} job.RunProfileJobImpl - Job was cancelled.`;
  return `[pool-8-thread-2] ERROR ${USER} job.RunProfileJobImpl - Job failed: ${flow.error ?? 'unknown error'}`;
}

/** Row-batch lines that bring the log to about `targetBytes`, for tests of multi-megabyte logs. */
function paddingLines(targetBytes: number, currentBytes: number, stamp: string): string {
  const missing = targetBytes - currentBytes;
  if (missing <= 0) return '';
  const lines: string[] = [];
  let written = 0;
  for (let batch = 1; written < missing; batch += 1) {
    const line = `${stamp} [pool-9-thread-1] DEBUG ${USER} node.FlatFileSourceNode - node_8759684:batch ${batch} | Rows: 1000\r\n`;
    lines.push(line);
    written += line.length;
  }
  return lines.join('');
}

function byteLength(parts: readonly string[]): number {
  return parts.reduce((sum, part) => sum + Buffer.byteLength(part, 'utf8'), 0);
}

/** DataWORQ jobs as the CLI prints them. */
import type { JobSummary } from '../../shared/model.ts';
import { formatTable } from '../runtime/text-table.ts';

const HEADERS = ['JOB ID', 'FLOW', 'PROFILE', 'STATUS', 'STEP', 'STARTED', 'RUNTIME'];

export function jobTable(jobs: readonly JobSummary[]): string[] {
  return formatTable(
    HEADERS,
    jobs.map((job) => [
      job.jobId,
      job.flowName ?? '-',
      job.runProfileName ?? '-',
      job.executionStatus,
      job.currentStep ?? '-',
      job.startTime ?? '-',
      job.runtime ?? '-',
    ]),
  );
}

/** One job, field by field; the log tail only when asked. */
export function jobDetails(job: JobSummary, withLog: boolean): string[] {
  const fields: [string, string | undefined][] = [
    ['Job', job.jobId],
    ['Flow', job.flowName],
    ['Run profile', job.runProfileName],
    ['Status', job.executionStatus],
    ['Step', [job.currentStep, job.currentStepStatus && `(${job.currentStepStatus})`].filter(Boolean).join(' ') || undefined],
    ['Started', job.startTime],
    ['Ended', job.endTime],
    ['Runtime', job.runtime],
    ['Error', job.error],
  ];
  const lines = fields.filter(([, value]) => value !== undefined && value !== '').map(([label, value]) => `${`${label}:`.padEnd(13)}${value}`);
  if (withLog && job.logTail) lines.push('', 'Log (last lines):', ...job.logTail.split('\n').map((line) => `  ${line}`));
  return lines;
}

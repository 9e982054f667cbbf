/** `dwq status <jobId>`: one DataWORQ job, trimmed to what a person reads. */
import type { Command } from '@commander-js/extra-typings';
import { summarizeJob } from '../../shared/dataworq/summarize-job.ts';
import { writeJson, writeLine } from './cli-io.ts';
import { askDataworq, dataworqClientFor, withConnectorOptions } from './connector-option.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT_CODES_HELP, exitCodeForJobStatus } from './exit-codes.ts';
import { jobDetails } from './job-table.ts';
import type { CliContext } from './program.ts';

export function registerStatusCommand(program: Command, context: CliContext) {
  return withConnectorOptions(program.command('status'))
    .description('Show one DataWORQ job: status, current step, times, error.')
    .argument('<jobId>', "DataWORQ's job id")
    .option('--log', 'also print the last lines of the job log')
    .option('--json', 'print JSON (a summary; the log trimmed to its last 4 KB)')
    .addHelpText('after', `\nA finished job exits like a run with its outcome (ERROR 2, CANCELLED 3); one still queued or running exits 0.\n${EXIT_CODES_HELP}`)
    .action((jobId, options): Promise<void> => status(jobId, options, context));
}

type StatusOptions = OptionsOf<ReturnType<typeof registerStatusCommand>>;

async function status(jobId: string, options: StatusOptions, context: CliContext): Promise<void> {
  const client = dataworqClientFor(options, context.io.env);
  const job = summarizeJob(await askDataworq(() => client.getJob(jobId), client));
  if (options.json) writeJson(context.io.stdout, job);
  else for (const line of jobDetails(job, options.log ?? false)) writeLine(context.io.stdout, line);
  context.exitCode = exitCodeForJobStatus(job.executionStatus);
}

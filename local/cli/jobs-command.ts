/** `dwq jobs [--active|--history]`: DataWORQ's job list (its latest 100). */
import type { Command } from '@commander-js/extra-typings';
import { summarizeJob } from '../../shared/dataworq/summarize-job.ts';
import type { JobListFilter } from '../../shared/dataworq/types.ts';
import { CliError, writeJson, writeLine } from './cli-io.ts';
import { askDataworq, dataworqClientFor, withConnectorOptions } from './connector-option.ts';
import { jobTable } from './job-table.ts';
import type { CliContext } from './program.ts';

export function registerJobsCommand(program: Command, context: CliContext) {
  return withConnectorOptions(program.command('jobs'))
    .description("List DataWORQ's jobs, newest first (at most 100).")
    .option('--active', 'only queued and running jobs')
    .option('--history', 'only finished jobs')
    .option('--json', 'print JSON (summaries, without logs)')
    .action(async (options) => {
      if (options.active && options.history) throw new CliError('use --active or --history, not both');
      const filter: JobListFilter = options.active ? 'active' : options.history ? 'history' : 'all';
      const client = dataworqClientFor(options, context.io.env);
      const summaries = (await askDataworq(() => client.listJobs(filter), client)).map((job) => summarizeJob(job, 0));
      if (options.json) {
        writeJson(context.io.stdout, summaries.map(({ logTail: _, logTruncatedBytes: __, ...job }) => job));
        return;
      }
      if (summaries.length === 0) writeLine(context.io.stdout, filter === 'all' ? 'No jobs.' : `No ${filter} jobs.`);
      else for (const line of jobTable(summaries)) writeLine(context.io.stdout, line);
    });
}

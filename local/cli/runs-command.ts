/** `dwq runs`: the runs on record, newest first, a per-flow summary above them and what is paused. */
import type { Command } from '@commander-js/extra-typings';
import { RUN_LEDGER } from '../../shared/ledger/constants.ts';
import type { Outcome } from '../../shared/model.ts';
import { listRuns, type RunListing } from '../../shared/operator/operations.ts';
import { writeJson, writeLine, type CliOutput } from './cli-io.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT_CODES_HELP } from './exit-codes.ts';
import type { CliContext } from './program.ts';
import { limitOption, outcomeOption, timeOption } from './run-filter-options.ts';
import { pauseText, runTableLines, summaryLines } from './run-text.ts';
import { withTarget, withTargetOptions } from './target-option.ts';

export function registerRunsCommand(program: Command, context: CliContext) {
  return withTargetOptions(program.command('runs'))
    .description('List the runs on record, newest first, with a per-flow summary and the paused flows (local dwq start or --stack).')
    .option('--flow <flow>', 'only this flow')
    .option('--outcome <outcome>', 'only runs that ended so (COMPLETED, ERROR, SKIPPED...)', outcomeOption)
    .option('--since <when>', 'only runs submitted since: a duration back from now (24h, 7d) or an ISO 8601 time', timeOption(-1))
    .option('--limit <n>', `at most this many runs, 1-${RUN_LEDGER.maxListLimit}`, limitOption, RUN_LEDGER.defaultListLimit)
    .option('--next <cursor>', 'the next page: the cursor the previous page printed')
    .option('--json', 'print JSON: {runs, next, summary, paused}')
    .addHelpText('after', `\n${EXIT_CODES_HELP}`)
    .action((options): Promise<void> => printRuns(options, context));
}

type RunsOptions = OptionsOf<ReturnType<typeof registerRunsCommand>>;

async function printRuns(options: RunsOptions, context: CliContext): Promise<void> {
  const { io } = context;
  await withTarget(options, io.env, async (target) => {
    const listing = await listRuns(target.deps, {
      ...(options.flow !== undefined && { flows: [options.flow] }),
      outcome: options.outcome,
      since: options.since,
      limit: options.limit,
      cursor: options.next,
    });
    if (options.json) writeJson(io.stdout, listing);
    else printListing(io.stdout, listing, target.description, options);
  });
}

function printListing(out: CliOutput, listing: RunListing, where: string, options: RunsOptions): void {
  for (const flag of listing.paused) writeLine(out, `${flag.active ? 'PAUSED' : 'expired pause'}: ${pauseText(flag, flag.active)}`);
  if (listing.paused.length > 0) writeLine(out);
  if (listing.runs.length === 0) {
    writeLine(out, `No runs on record in ${where}${options.flow || options.outcome || options.since ? ' matching these filters' : ''}.`);
    return;
  }
  for (const line of summaryLines(listing.summary)) writeLine(out, line);
  writeLine(out);
  for (const line of runTableLines(listing.runs)) writeLine(out, line);
  if (listing.next !== undefined) writeLine(out, `\nMore runs: add --next ${listing.next}`);
}

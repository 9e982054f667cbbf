/**
 * `dwq backfill <flow> --schedule S --from DATE --to DATE`: one run per fire of the schedule in
 * the range, as that fire's own run (same logical time, same claim, a deterministic name), oldest
 * first, `--max-concurrent` at a time, then one summary alert. The same backfill twice starts
 * nothing new. `--dry-run` prints the fires and their parameters and starts nothing.
 */
import { type Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { type BackfillSummary, runBackfill } from '../../shared/backfill/backfill.ts';
import { BACKFILL } from '../../shared/backfill/constants.ts';
import { type BackfillPlan, planBackfill } from '../../shared/backfill/plan.ts';
import { worstOutcome } from '../../shared/backfill/summary-alert.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { ValidationError } from '../../shared/errors.ts';
import { parameterText } from '../../shared/periods/preview.ts';
import { BackfillProgress } from './backfill-progress.ts';
import { backfillTarget } from './backfill-target.ts';
import { CliError, writeJson, writeLine } from './cli-io.ts';
import { readConfig, withConfigOption } from './config-option.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT, exitCodeForRun } from './exit-codes.ts';
import { speedOption } from './option-parsers.ts';
import type { CliContext } from './program.ts';
import { withTargetOnlyOptions } from './target-option.ts';

export function registerBackfillCommand(program: Command, context: CliContext) {
  return withTargetOnlyOptions(withConfigOption(program.command('backfill')))
    .description("Run a schedule's fires in a date range, each as its own scheduled run would have run; the same backfill twice starts nothing new.")
    .argument('<flow>', 'a flow of the config')
    .requiredOption('--schedule <name>', 'the schedule whose fires to run')
    .requiredOption('--from <date>', "first day (2026-03-27) or time, in the schedule's zone unless it has an offset")
    .requiredOption('--to <date>', 'last day, included (2026-03-30), or time')
    .option('--max-concurrent <n>', `runs at a time (1-${BACKFILL.maxConcurrent}; always 1 when the flow's overlap is skip)`, concurrencyOption, BACKFILL.defaultMaxConcurrent)
    .option('--dry-run', 'print the fires and the parameters each would send; start nothing')
    .option('--json', 'print the plan or the summary as JSON on stdout (progress goes to stderr)')
    .option('--speed <n>', 'time factor for waits and the emulator, for runs in this process (1 = real time)', speedOption, 1)
    .option('--outbox <file>', 'alerts file (default: $DWQ_OUTBOX, else .dwq/outbox.jsonl)')
    .option('--verbose', "also print the run steps' info lines")
    .addHelpText('after', '\nExample:\n  dwq backfill demo-load --schedule nightly --from 2026-03-27 --to 2026-03-30 --dry-run')
    .action((flow, options): Promise<void> => backfill(flow, options, context));
}

type BackfillOptions = OptionsOf<ReturnType<typeof registerBackfillCommand>>;

function concurrencyOption(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1 || value > BACKFILL.maxConcurrent) throw new InvalidArgumentError(`must be a whole number 1-${BACKFILL.maxConcurrent}.`);
  return value;
}

async function backfill(flowName: string, options: BackfillOptions, context: CliContext): Promise<void> {
  const { config } = readConfig(options.config, context.io.env);
  const plan = planOf(config, flowName, options);
  if (options.dryRun) {
    printPlan(plan, options, context);
    return;
  }
  const out = options.json ? context.io.stderr : context.io.stdout;
  const progress = new BackfillProgress(out, plan.fires.length);
  const print = (text: string) => progress.print(text);
  const target = await backfillTarget({ config, io: context.io, print, speed: options.speed, outbox: options.outbox, verbose: options.verbose ?? false, target: options });
  let stopped = false;
  const stop = context.io.waitForStop().then(() => void (stopped = true));
  writeLine(out, `Backfill of ${plan.flow.name}/${plan.schedule.name} on ${target.where}: ${fireCount(plan)}${plan.concurrencyNote ? ` (${plan.concurrencyNote})` : `, ${plan.concurrency} at a time`}`);
  let summary: BackfillSummary;
  try {
    summary = await runBackfill(plan, {
      ...target,
      sleep: (ms) => Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms)), stop]),
      stopped: () => stopped,
      onEvent: (event) => progress.event(event),
    });
  } finally {
    progress.stop();
    await target.close();
  }
  context.exitCode = stopped ? EXIT.interrupted : exitCodeOf(summary);
  printSummary(summary, options, context);
}

function planOf(config: DwqConfig, flowName: string, options: BackfillOptions): BackfillPlan {
  try {
    return planBackfill({ config, flow: flowName, schedule: options.schedule, from: options.from, to: options.to, maxConcurrent: options.maxConcurrent }, new Date());
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(error.message);
    throw error;
  }
}

function fireCount(plan: BackfillPlan): string {
  const zone = plan.schedule.timeZone;
  return `${plan.fires.length} ${plan.fires.length === 1 ? 'fire' : 'fires'} of ${plan.schedule.expression} in ${zone}`;
}

function printPlan(plan: BackfillPlan, options: BackfillOptions, context: CliContext): void {
  const out = context.io.stdout;
  const fires = plan.fires.map((fire) => ({
    time: fire.logicalTime,
    utc: fire.fire.toISOString(),
    runId: fire.runId,
    ...(fire.parameters ? { parameters: Object.fromEntries(fire.parameters.map(({ name, value }) => [name, value])) } : {}),
    ...(fire.error !== undefined ? { error: fire.error } : {}),
  }));
  if (options.json) {
    writeJson(out, { flow: plan.flow.name, schedule: plan.schedule.name, dryRun: true, concurrency: plan.concurrency, fires });
    return;
  }
  writeLine(out, `Dry run of the backfill of ${plan.flow.name}/${plan.schedule.name}: ${fireCount(plan)}; nothing is started.`);
  if (plan.fires.length === 0) writeLine(out, '  no fire in that range (fires still to come are left to the schedule)');
  for (const fire of plan.fires) {
    const values = fire.error !== undefined ? `cannot render: ${fire.error}` : parameterText(fire.parameters ?? []) || '(no parameters)';
    writeLine(out, `  ${fire.logicalTime}  ${values}`);
  }
}

function printSummary(summary: BackfillSummary, options: BackfillOptions, context: CliContext): void {
  const out = options.json ? context.io.stderr : context.io.stdout;
  writeLine(out, summaryLine(summary.counts));
  for (const result of summary.results.filter((candidate) => candidate.bucket === 'failed')) {
    writeLine(out, `  failed: ${result.fire.logicalTime} ${result.outcome ?? ''}${result.message ? `: ${result.message}` : ''}`);
  }
  writeLine(out, alertLine(summary));
  if (options.json) writeJson(context.io.stdout, jsonSummary(summary, context.exitCode));
}

/** `Backfill done: 3 completed, 0 failed, 0 skipped; started none: every fire already had its run (3 already there).` */
export function summaryLine(counts: BackfillSummary['counts']): string {
  const startedText = counts.started === 0 && counts.alreadyStarted > 0
    ? `started none: every fire already had its run (${counts.alreadyStarted} already there)`
    : `started ${counts.started} new ${counts.started === 1 ? 'run' : 'runs'}${counts.alreadyStarted > 0 ? `, ${counts.alreadyStarted} already there` : ''}`;
  return `Backfill done: ${counts.completed} completed, ${counts.failed} failed, ${counts.skipped} skipped${counts.unfinished ? `, ${counts.unfinished} unfinished` : ''}; ${startedText}.`;
}

function alertLine(summary: BackfillSummary): string {
  if (summary.alert === undefined) return 'No summary alert: this backfill started no new run.';
  if ('error' in summary.alert) return `The summary alert could not be sent: ${summary.alert.error}`;
  return `Summary alert sent (${summary.alert.messageId}).`;
}

function jsonSummary(summary: BackfillSummary, exitCode: number) {
  return {
    flow: summary.plan.flow.name,
    schedule: summary.plan.schedule.name,
    counts: summary.counts,
    runs: summary.results.map((result) => ({
      time: result.fire.logicalTime,
      runId: result.fire.runId,
      start: result.start,
      bucket: result.bucket,
      ...(result.outcome ? { outcome: result.outcome } : {}),
      ...(result.jobId ? { jobId: result.jobId } : {}),
      ...(result.message ? { message: result.message } : {}),
    })),
    ...(summary.alert ? { alert: summary.alert } : {}),
    exitCode,
  };
}

/** As `dwq run` exits for one run: by the worst outcome (0 when every run completed or was skipped). */
function exitCodeOf(summary: BackfillSummary): number {
  if (summary.results.length === 0) return EXIT.ok;
  const worst = worstOutcome(summary.results);
  return summary.counts.failed > 0 ? exitCodeForRun('SUCCEEDED', worst) : EXIT.ok;
}

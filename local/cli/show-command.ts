/** `dwq show <runId>`: one run's timeline from its record; `--follow` redraws it until the run ends. */
import type { Command } from '@commander-js/extra-typings';
import type { RunRecord } from '../../shared/ledger/run-record.ts';
import { showRun } from '../../shared/operator/operations.ts';
import { runTimeline } from '../../shared/operator/run-timeline.ts';
import { waitForRun } from '../../shared/operator/wait-for-run.ts';
import { writeJson, writeLine, type CliOutput } from './cli-io.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT_CODES_HELP } from './exit-codes.ts';
import type { CliContext } from './program.ts';
import { endingLine, exitCodeOfEnding, outcomeText, shortTime } from './run-text.ts';
import { pollIntervalMs, withTarget, withTargetOptions } from './target-option.ts';

export function registerShowCommand(program: Command, context: CliContext) {
  return withTargetOptions(program.command('show'))
    .description("Show a run's timeline: triggered, submitted, job started, each check's DataWORQ status and step, outcome, alert.")
    .argument('<runId>', 'a run id (dwq runs lists them)')
    .option('--follow', 'redraw until the run ends, then exit by its outcome')
    .option('--json', 'print JSON: {record, timeline} (with --follow: once, at the end)')
    .addHelpText('after', `\nWithout --follow the exit code is 0 when the run is on record.\n\n${EXIT_CODES_HELP}`)
    .action((runId, options): Promise<void> => show(runId, options, context));
}

type ShowOptions = OptionsOf<ReturnType<typeof registerShowCommand>>;

async function show(runId: string, options: ShowOptions, context: CliContext): Promise<void> {
  const { io } = context;
  await withTarget(options, io.env, async (target) => {
    // A run just started may have no record yet (Submit writes it): followed, the launcher vouches for it.
    const known = options.follow ? await target.deps.launcher.describe(runId) : undefined;
    const first = known === undefined ? await showRun(target.deps, runId) : undefined;
    if (first !== undefined && !options.follow) {
      if (options.json) writeJson(io.stdout, { record: first, timeline: runTimeline(first) });
      else for (const line of timelineLines(first)) writeLine(io.stdout, line);
      return;
    }
    const progress = options.json ? io.stderr : io.stdout;
    const drawer = timelineDrawer(progress);
    const ending = await waitForRun(target.deps, runId, { intervalMs: pollIntervalMs(io.env), onRecord: drawer, stop: io.waitForStop() });
    context.exitCode = exitCodeOfEnding(ending);
    if (ending.record) drawer(ending.record);
    writeLine(progress, endingLine(runId, ending, context.exitCode));
    if (options.json) writeJson(io.stdout, { record: ending.record, timeline: ending.record ? runTimeline(ending.record) : [], report: ending.report, exitCode: context.exitCode });
  });
}

export function timelineLines(record: RunRecord): string[] {
  const parameters = record.parameters.map((parameter) => `${parameter.name}=${parameter.value}`).join(' ');
  return [
    `Run ${record.runId}  flow ${record.flow}  ${outcomeText(record)}${record.jobId ? `  job ${record.jobId}` : ''}${record.rerunOf ? `  re-run of ${record.rerunOf}` : ''}`,
    ...(parameters ? [`Parameters: ${parameters}`] : []),
    ...runTimeline(record).map((event) => `  ${shortTime(event.at)}  ${event.text}`),
  ];
}

/** On a terminal the timeline is redrawn in place; elsewhere only its new lines are printed. */
function timelineDrawer(out: CliOutput): (record: RunRecord) => void {
  const printed = new Set<string>();
  let drawnLines = 0;
  return (record) => {
    const lines = timelineLines(record);
    if (out.isTTY) {
      if (drawnLines > 0) out.write(`\x1b[${drawnLines}A\r\x1b[J`);
      for (const line of lines) writeLine(out, line);
      drawnLines = lines.length;
      return;
    }
    // The header changes as the run goes on; the events only grow.
    const fresh = printed.size === 0 ? lines : lines.slice(1).filter((line) => !printed.has(line));
    for (const line of fresh) writeLine(out, line);
    for (const line of lines) printed.add(line);
  };
}

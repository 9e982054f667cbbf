/** What `dwq trigger` and `dwq rerun` print once a run is started, and how `--wait` follows it. */
import type { Command, OptionValues } from '@commander-js/extra-typings';
import type { StartedRun } from '../../shared/operator/operations.ts';
import type { OperatorDeps } from '../../shared/operator/operator-deps.ts';
import { waitForRun } from '../../shared/operator/wait-for-run.ts';
import { writeJson, writeLine } from './cli-io.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT_CODES_HELP } from './exit-codes.ts';
import type { CliContext } from './program.ts';
import { endingLine, exitCodeOfEnding, pauseText } from './run-text.ts';
import { pollIntervalMs } from './target-option.ts';

/** The options that shape what reportStartedRun prints (--wait, --json), and the exit codes they lead to. */
export function withStartOutputOptions<Args extends unknown[], Opts extends OptionValues, GlobalOpts extends OptionValues>(command: Command<Args, Opts, GlobalOpts>) {
  return command
    .option('--wait', 'wait for the outcome and exit by it')
    .option('--json', 'print JSON on stdout (progress goes to stderr)')
    .addHelpText('after', `\n${EXIT_CODES_HELP}`);
}

/** What withStartOutputOptions adds to a command's options. */
export type StartOutputOptions = OptionsOf<ReturnType<typeof withStartOutputOptions<[], {}, {}>>>;

export async function reportStartedRun(started: StartedRun, deps: OperatorDeps, where: string, options: StartOutputOptions, context: CliContext): Promise<void> {
  const { io } = context;
  const progress = options.json ? io.stderr : io.stdout;
  const what = started.rerunOf ? `Re-run ${started.runId} of ${started.rerunOf}` : `Run ${started.runId} of ${started.flow}`;
  writeLine(progress, `${what} ${started.alreadyStarted ? 'was already started' : 'started'} in ${where}.`);
  if (started.pausedBy) writeLine(progress, `Note: ${pauseText(started.pausedBy)}: the run ends SKIPPED without starting a job (dwq resume ${started.flow} to lift it).`);
  if (!options.wait) {
    if (!options.json) writeLine(progress, `Follow it: dwq show ${started.runId} --follow`);
    else writeJson(io.stdout, started);
    return;
  }
  const ending = await waitForRun(deps, started.runId, { intervalMs: pollIntervalMs(io.env), stop: io.waitForStop() });
  context.exitCode = exitCodeOfEnding(ending);
  writeLine(progress, endingLine(started.runId, ending, context.exitCode));
  if (options.json) {
    const record = ending.record;
    writeJson(io.stdout, {
      ...started,
      state: ending.report?.state,
      outcome: ending.report?.outcome ?? record?.outcome,
      jobId: record?.jobId ?? ending.report?.jobId,
      message: record?.message ?? ending.report?.message,
      exitCode: context.exitCode,
    });
  }
}

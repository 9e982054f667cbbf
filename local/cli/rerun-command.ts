/** `dwq rerun <runId>`: a new run with the original's parameters (from its record); refused while the original runs, unless --force. */
import type { Command } from '@commander-js/extra-typings';
import { RunInProgressError } from '../../shared/errors.ts';
import { rerunRun } from '../../shared/operator/operations.ts';
import { CliError } from './cli-io.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT } from './exit-codes.ts';
import type { CliContext } from './program.ts';
import { reportStartedRun, withStartOutputOptions } from './start-run-output.ts';
import { withTarget, withTargetOptions } from './target-option.ts';

export function registerRerunCommand(program: Command, context: CliContext) {
  const command = withTargetOptions(program.command('rerun'))
    .description("Start a new run with a recorded run's parameters, run profile and notification setting.")
    .argument('<runId>', 'the run to repeat (dwq runs lists them)')
    .option('--force', 're-run even while the original is still running');
  return withStartOutputOptions(command)
    .action((runId, options): Promise<void> => rerun(runId, options, context));
}

type RerunOptions = OptionsOf<ReturnType<typeof registerRerunCommand>>;

async function rerun(runId: string, options: RerunOptions, context: CliContext): Promise<void> {
  await withTarget(options, context.io.env, async (target) => {
    let started;
    try {
      started = await rerunRun(target.deps, runId, { force: options.force });
    } catch (error) {
      if (error instanceof RunInProgressError) throw new CliError(`${error.message} with --force`, EXIT.usage, { cause: error });
      throw error;
    }
    await reportStartedRun(started, target.deps, target.description, options, context);
  });
}

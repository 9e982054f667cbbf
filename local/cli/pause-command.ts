/** `dwq pause <flow>`: a runtime pause flag in the state table; a paused trigger's run ends SKIPPED and starts no job. */
import type { Command } from '@commander-js/extra-typings';
import { pauseTrigger } from '../../shared/operator/operations.ts';
import { writeJson, writeLine } from './cli-io.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT_CODES_HELP } from './exit-codes.ts';
import type { CliContext } from './program.ts';
import { timeOption } from './run-filter-options.ts';
import { pauseText } from './run-text.ts';
import { cliUser, withTarget, withTargetOptions } from './target-option.ts';

export function registerPauseCommand(program: Command, context: CliContext) {
  return withTargetOptions(program.command('pause'))
    .description('Pause a flow (every trigger) or one of its schedules, without a redeploy: its runs end SKIPPED with reason "paused".')
    .argument('<flow>', 'a flow of the config')
    .option('--schedule <name>', 'pause only this schedule of the flow')
    .option('--until <when>', 'lift the pause by itself: an ISO 8601 time, or a duration from now (2h, 1d)', timeOption(1))
    .option('--reason <text>', 'why, for whoever looks next (dwq runs, dwq schedules, GET /runs show it)')
    .option('--json', 'print the pause flag as JSON')
    .addHelpText('after', `\n${EXIT_CODES_HELP}`)
    .action((flow, options): Promise<void> => pause(flow, options, context));
}

type PauseOptions = OptionsOf<ReturnType<typeof registerPauseCommand>>;

async function pause(flow: string, options: PauseOptions, context: CliContext): Promise<void> {
  const { io } = context;
  await withTarget(options, io.env, async (target) => {
    const flag = await pauseTrigger(target.deps, { flow, schedule: options.schedule, until: options.until, reason: options.reason, by: cliUser() });
    if (options.json) writeJson(io.stdout, flag);
    else writeLine(io.stdout, `${pauseText(flag)} (in ${target.description}). Lift it with: dwq resume ${flow}${flag.schedule ? ` --schedule ${flag.schedule}` : ''}`);
  });
}

/** `dwq resume <flow>`: removes the pause flag of a flow or of one of its schedules. */
import type { Command } from '@commander-js/extra-typings';
import { resumeTrigger } from '../../shared/operator/operations.ts';
import { writeJson, writeLine } from './cli-io.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT_CODES_HELP } from './exit-codes.ts';
import type { CliContext } from './program.ts';
import { withTarget, withTargetOptions } from './target-option.ts';

export function registerResumeCommand(program: Command, context: CliContext) {
  return withTargetOptions(program.command('resume'))
    .description('Lift the pause of a flow, or of one of its schedules (dwq pause).')
    .argument('<flow>', 'a flow of the config')
    .option('--schedule <name>', "lift only this schedule's pause")
    .option('--json', 'print JSON: {flow, schedule, resumed}')
    .addHelpText('after', `\nA flow that was not paused is not an error (exit 0, resumed: false).\n\n${EXIT_CODES_HELP}`)
    .action((flow, options): Promise<void> => resume(flow, options, context));
}

type ResumeOptions = OptionsOf<ReturnType<typeof registerResumeCommand>>;

async function resume(flow: string, options: ResumeOptions, context: CliContext): Promise<void> {
  const { io } = context;
  await withTarget(options, io.env, async (target) => {
    const resumed = await resumeTrigger(target.deps, flow, options.schedule);
    const what = options.schedule === undefined ? flow : `${flow}/${options.schedule}`;
    if (options.json) writeJson(io.stdout, { flow, ...(options.schedule !== undefined && { schedule: options.schedule }), resumed });
    else writeLine(io.stdout, resumed ? `Resumed ${what} (in ${target.description}): its triggers start runs again.` : `${what} was not paused (in ${target.description}); nothing changed.`);
  });
}

/** `dwq schedules`: every configured schedule, in its zone, with its next fire times. */
import type { Command } from '@commander-js/extra-typings';
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { PauseFlag } from '../../shared/ledger/run-record.ts';
import { previewFire, upcomingFires } from '../../shared/periods/preview.ts';
import { describeScheduleExpression } from '../../shared/schedule/describe.ts';
import { CliError, writeJson, writeLine } from './cli-io.ts';
import { readConfig, withConfigOption } from './config-option.ts';
import type { OptionsOf } from './declared-options.ts';
import { fireTimeFacts, fireTimeLine, type FireTimeFacts, userTimeZone } from './fire-time-text.ts';
import { countOption } from './option-parsers.ts';
import type { CliContext } from './program.ts';
import { pauseText } from './run-text.ts';
import { pauseOf, schedulePauses, type KnownPauses } from './schedule-pauses.ts';
import { withTargetOnlyOptions } from './target-option.ts';

/** A fire, and with --params what it would send: rendered values, or the template error. */
type FireListing = FireTimeFacts & { readonly parameters?: Readonly<Record<string, string | number>>; readonly error?: string };

interface ScheduleListing {
  readonly flow: string;
  readonly schedule: string;
  readonly expression: string;
  readonly timeZone: string;
  readonly enabled: boolean;
  /** The expression in words. */
  readonly description: string;
  /** The config's own description of the schedule. */
  readonly note?: string;
  readonly parameters: Readonly<Record<string, string | number>>;
  readonly next: FireListing[];
  /** The pause flag in force (dwq pause), when the pauses are known. */
  readonly paused?: PauseFlag;
}

export function registerSchedulesCommand(program: Command, context: CliContext) {
  return withTargetOnlyOptions(withConfigOption(program.command('schedules')))
    .description('List every configured schedule with its next fire times.')
    .option('--count <n>', 'fire times per schedule', countOption, 3)
    .option('--from <iso>', 'list fires strictly after this time (ISO 8601 with offset); default now')
    .option('--params', 'also show the parameters each fire sends, templates rendered at its logical time')
    .option('--json', 'print JSON')
    .action((options): Promise<void> => printSchedules(options, context));
}

type SchedulesOptions = OptionsOf<ReturnType<typeof registerSchedulesCommand>>;

async function printSchedules(options: SchedulesOptions, context: CliContext): Promise<void> {
  const { path, config } = readConfig(options.config, context.io.env);
  const pauses = await schedulePauses(options, context.io.env);
  const from = options.from === undefined ? new Date() : new Date(options.from);
  if (Number.isNaN(from.getTime())) throw new CliError(`--from: ${options.from ?? ''} is not an ISO 8601 time (for example 2026-03-29T00:00:00Z)`);
  const listings = withPauses(scheduleListings(config, from, options, userTimeZone(context.io.timeZone)), pauses);
  const out = context.io.stdout;
  if (options.json) {
    writeJson(out, listings);
    return;
  }
  if (listings.length === 0) writeLine(out, `No schedules in ${path}.`);
  for (const listing of listings) {
    writeLine(out, `${listing.flow}/${listing.schedule}  ${listing.expression}  ${listing.timeZone}  (${listing.description})${listing.note ? `: ${listing.note}` : ''}`);
    if (listing.paused) writeLine(out, `  PAUSED: ${pauseText(listing.paused)}`);
    if (!listing.enabled) writeLine(out, '  disabled: does not fire');
    else if (listing.next.length === 0) writeLine(out, '  no further fire time');
    for (const fire of listing.next) {
      writeLine(out, `  ${fireTimeLine(fire)}`);
      if (fire.error !== undefined) writeLine(out, `    cannot render: ${fire.error}`);
      else if (fire.parameters !== undefined) writeLine(out, `    ${Object.entries(fire.parameters).map(([name, value]) => `${name}=${String(value)}`).join('  ') || '(no parameters)'}`);
    }
  }
}

function withPauses(listings: ScheduleListing[], pauses: KnownPauses | undefined): ScheduleListing[] {
  const now = new Date();
  return listings.map((listing) => {
    const paused = pauseOf(pauses, listing.flow, listing.schedule, now);
    return paused ? { ...listing, paused } : listing;
  });
}

function scheduleListings(config: DwqConfig, from: Date, options: SchedulesOptions, userZone: string): ScheduleListing[] {
  return Object.values(config.flows).flatMap((flow) =>
    flow.schedules.map((schedule) => ({
      flow: flow.name,
      schedule: schedule.name,
      expression: schedule.expression,
      timeZone: schedule.timeZone,
      enabled: schedule.enabled,
      description: describeScheduleExpression(schedule.expression),
      note: schedule.description,
      parameters: schedule.parameters,
      next: schedule.enabled
        ? upcomingFires(schedule, from, options.count).map((fire): FireListing => {
            const facts = fireTimeFacts(fire, schedule.timeZone, userZone);
            if (!options.params) return facts;
            const preview = previewFire(config, flow.name, schedule, fire);
            if (preview.error !== undefined) return { ...facts, error: preview.error };
            return { ...facts, parameters: Object.fromEntries((preview.parameters ?? []).map(({ name, value }) => [name, value])) };
          })
        : [],
    })),
  );
}

/**
 * The template filters: what each takes and gives, its one optional argument, and its date maths
 * (Luxon, in the logical time's zone). The parser checks names, arguments and kinds against this
 * table at config load, so a run only ever applies filters that were checked.
 */
import { type DateTime, Duration } from 'luxon';
import { type FiscalCalendar, fiscalPosition } from './calendar.ts';

export type ValueKind = 'time' | 'number' | 'text';

export type TemplateValue =
  | { readonly kind: 'time'; readonly time: DateTime }
  | { readonly kind: 'number'; readonly number: number }
  | { readonly kind: 'text'; readonly text: string };

export type FilterArgument = string | number;

export interface FilterSpec {
  readonly input: ValueKind;
  readonly output: ValueKind;
  /** Undefined: the filter takes no argument. */
  readonly argument?: {
    /** How a message names the argument: "an ISO 8601 duration in quotes, for example shift: '-P1M'". */
    readonly wanted: string;
    readonly problem: (argument: FilterArgument) => string | undefined;
  };
  readonly apply: (value: TemplateValue, argument: FilterArgument | undefined, calendar: FiscalCalendar) => TemplateValue;
}

export const PERIOD_UNITS = ['day', 'week', 'month', 'quarter', 'year'] as const;
type PeriodUnit = (typeof PERIOD_UNITS)[number];

const MAX_PAD = 20;

const unitArgument = (filter: string) => ({
  wanted: `one of ${PERIOD_UNITS.join(', ')} in quotes, for example ${filter}: 'month'`,
  problem: (argument: FilterArgument) =>
    (PERIOD_UNITS as readonly unknown[]).includes(argument) ? undefined : `'${String(argument)}' is not one of ${PERIOD_UNITS.join(', ')}`,
});

const time = (value: TemplateValue): DateTime => (value as Extract<TemplateValue, { kind: 'time' }>).time;
const fiscal = (value: TemplateValue, calendar: FiscalCalendar) => fiscalPosition(time(value).year, time(value).month, calendar);
const numberValue = (number: number): TemplateValue => ({ kind: 'number', number });

export const FILTERS: Readonly<Record<string, FilterSpec>> = {
  shift: {
    input: 'time',
    output: 'time',
    argument: {
      wanted: "an ISO 8601 duration in quotes, for example shift: '-P1M'",
      problem: (argument) =>
        typeof argument === 'string' && Duration.fromISO(argument).isValid
          ? undefined
          : `'${String(argument)}' is not an ISO 8601 duration (for example '-P1M', 'P1D', 'PT6H')`,
    },
    // Luxon adds months and days on the wall clock of the zone: 31 March - P1M = 28/29 February,
    // and P1D across a DST change keeps the hour.
    apply: (value, argument) => ({ kind: 'time', time: time(value).plus(Duration.fromISO(String(argument))) }),
  },
  startOf: {
    input: 'time',
    output: 'time',
    argument: unitArgument('startOf'),
    apply: (value, argument) => ({ kind: 'time', time: time(value).startOf(argument as PeriodUnit) }),
  },
  endOf: {
    input: 'time',
    output: 'time',
    argument: unitArgument('endOf'),
    apply: (value, argument) => ({ kind: 'time', time: time(value).endOf(argument as PeriodUnit) }),
  },
  format: {
    input: 'time',
    output: 'text',
    argument: {
      wanted: "Luxon format tokens in quotes, for example format: 'yyyy-MM-dd'",
      problem: (argument) => (typeof argument === 'string' && argument !== '' ? undefined : 'the format must be non-empty text in quotes'),
    },
    // A fixed locale: month names must not depend on the machine that renders them.
    apply: (value, argument) => ({ kind: 'text', text: time(value).setLocale('en-US').toFormat(String(argument)) }),
  },
  fiscalYear: { input: 'time', output: 'number', apply: (value, _, calendar) => numberValue(fiscal(value, calendar).year) },
  fiscalQuarter: { input: 'time', output: 'number', apply: (value, _, calendar) => numberValue(fiscal(value, calendar).quarter) },
  fiscalPeriod: { input: 'time', output: 'number', apply: (value, _, calendar) => numberValue(fiscal(value, calendar).period) },
  pad: {
    input: 'number',
    output: 'text',
    argument: {
      wanted: 'the width in digits, for example pad: 2',
      problem: (argument) => {
        const width = Number(argument);
        return Number.isInteger(width) && width >= 1 && width <= MAX_PAD ? undefined : `the width must be a whole number from 1 to ${MAX_PAD}`;
      },
    },
    apply: (value, argument) => {
      const number = (value as Extract<TemplateValue, { kind: 'number' }>).number;
      const digits = String(Math.abs(number)).padStart(Number(argument), '0');
      return { kind: 'text', text: number < 0 ? `-${digits}` : digits };
    },
  },
};

export const FILTER_NAMES = Object.keys(FILTERS);

export function filterSpec(name: string): FilterSpec | undefined {
  return Object.hasOwn(FILTERS, name) ? FILTERS[name] : undefined;
}

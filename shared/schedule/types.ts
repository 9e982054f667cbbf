/** Parsed EventBridge Scheduler expressions. `text` is always the original expression. */
export type ScheduleExpression = CronExpression | RateExpression | AtExpression;

export interface CronExpression {
  readonly kind: 'cron';
  readonly text: string;
  readonly fields: CronFields;
}

export interface RateExpression {
  readonly kind: 'rate';
  readonly text: string;
  readonly value: number;
  readonly unit: RateUnit;
  /** Fixed duration: `days` are 24 hours on the clock, whatever DST does to the calendar day. */
  readonly intervalMs: number;
}

export type RateUnit = 'minutes' | 'hours' | 'days';

export interface AtExpression {
  readonly kind: 'at';
  readonly text: string;
  /** Wall-clock time in the schedule's time zone. */
  readonly local: LocalDateTime;
}

export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** Every list is sorted ascending and free of duplicates. */
export interface CronFields {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly dayOfMonth: DayOfMonthRule;
  readonly months: readonly number[];
  /** 1 = Sunday … 7 = Saturday, as EventBridge numbers them. */
  readonly dayOfWeek: DayOfWeekRule;
  readonly years: readonly number[];
}

/** `any` is `?`: the other day field decides. */
export type DayOfMonthRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: readonly number[] }
  | { readonly kind: 'last-day' }
  | { readonly kind: 'last-weekday' }
  | { readonly kind: 'nearest-weekday'; readonly day: number };

export type DayOfWeekRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: readonly number[] }
  | { readonly kind: 'last-in-month'; readonly day: number }
  | { readonly kind: 'nth-in-month'; readonly day: number; readonly nth: number };

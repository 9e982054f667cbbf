/** How the CLI writes a fire time: ISO 8601 with the zone's offset, and the wall-clock reading. */
import { DateTime } from 'luxon';

export interface FireTimeFacts {
  /** ISO 8601 with the schedule zone's offset, e.g. `2026-03-29T02:00:00+01:00`. */
  readonly time: string;
  readonly utc: string;
  /** The wall clock in the schedule's zone: `Sun 2026-03-29 02:00`. */
  readonly wallTime: string;
  readonly timeZone: string;
  /** The same instant on the user's own clock, when their zone differs. */
  readonly yourTime?: string;
}

export function fireTimeFacts(instant: Date, timeZone: string, userZone: string): FireTimeFacts {
  const there = DateTime.fromJSDate(instant, { zone: timeZone });
  const here = DateTime.fromJSDate(instant, { zone: userZone });
  const sameClock = here.isValid && here.offset === there.offset && userZone === timeZone;
  return {
    time: there.toFormat("yyyy-LL-dd'T'HH:mm:ssZZ"),
    utc: instant.toISOString(),
    wallTime: there.toFormat('ccc yyyy-LL-dd HH:mm'),
    timeZone,
    ...(sameClock || !here.isValid ? {} : { yourTime: `${here.toFormat('ccc yyyy-LL-dd HH:mm')} ${userZone}` }),
  };
}

export function fireTimeLine(facts: FireTimeFacts): string {
  return `${facts.time}  ${facts.wallTime} ${facts.timeZone}${facts.yourTime ? `  (your time: ${facts.yourTime})` : ''}`;
}

export function userTimeZone(explicit?: string): string {
  return explicit ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** `--from`: ISO 8601; without an offset it is read in `timeZone`. Undefined when unreadable. */
export function parseFrom(text: string, timeZone: string): Date | undefined {
  const parsed = DateTime.fromISO(text, { zone: timeZone, setZone: true });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

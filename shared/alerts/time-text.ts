/** Times and durations as people read them in an alert. Everything is UTC: readers are anywhere. */

/** Accepts ISO 8601 and, defensively, epoch milliseconds as DataWORQ sends them. */
export function parseTime(value: string | undefined): Date | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  const date = /^\d{12,}$/.test(trimmed) ? new Date(Number(trimmed)) : new Date(trimmed);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `2021-05-19 12:01:56 UTC` */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `12:01Z`, for the SMS line. */
export function formatClock(date: Date): string {
  return `${date.toISOString().slice(11, 16)}Z`;
}

/** `05-19 12:01Z`, for an SMS that refers to another day. */
export function formatDayClock(date: Date): string {
  return `${date.toISOString().slice(5, 10)} ${formatClock(date)}`;
}

/** `42s`, `4m 12s`, `3h 5m`, `2d 4h`: precise for short runs, coarse for long outages. */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days > 0) return `${days}d ${hours % 24}h`;
  if (hours > 0) return `${hours}h ${minutes % 60}m`;
  if (minutes > 0) return `${minutes}m ${seconds % 60}s`;
  return `${seconds}s`;
}

/** The span between two times, when both are known and in order. */
export function durationBetween(start: Date | undefined, end: Date | undefined): string | undefined {
  if (start === undefined || end === undefined || end.getTime() < start.getTime()) return undefined;
  return formatDuration(end.getTime() - start.getTime());
}

/** `1 failure`, `3 failures` */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

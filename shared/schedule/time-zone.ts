/**
 * IANA names are case-sensitive and start each segment with a capital ("America/Port-au-Prince",
 * "Etc/GMT+5", "UTC"); Intl alone would also accept "utc", "europe/london" and "+05:00", which
 * EventBridge Scheduler would not.
 */
const IANA_NAME = /^[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)*$/;

/** True when `zone` is a time zone name from the IANA database that this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || !IANA_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

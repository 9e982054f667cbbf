/**
 * DataWORQ's time texts. The emulator writes them in UTC (a real server uses its own zone), so
 * answers do not depend on the machine running the tests.
 */
const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `2021-05-19 12:01:59.691` (startTimeFormatted, endTimeFormatted). */
export function formatDataworqTime(epochMs: number): string {
  const d = new Date(epochMs);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${date} ${clockTime(d)}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** `05/19/2021 12:01:59,698`: the stamp in front of each log line. */
export function formatLogStamp(epochMs: number): string {
  const d = new Date(epochMs);
  const date = `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
  return `${date} ${clockTime(d)},${pad(d.getUTCMilliseconds(), 3)}`;
}

/** `15.363 seconds` (runtimeFormatted, the log's RUNTIME column). */
export function formatRuntime(ms: number): string {
  return `${(ms / 1000).toFixed(3)} seconds`;
}

/** `0:00:04` (currentStepElapsedTime). */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

function clockTime(d: Date): string {
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

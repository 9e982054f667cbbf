/**
 * Config durations (`45s`, `90m`, `12h`, `2d`) as seconds: plain code, so that a Lambda that reads
 * one (the webhook's `since=24h`) does not carry the config schema's library.
 */
export const DURATION_PATTERN = /^([1-9][0-9]*)([smhd])$/;
const DURATION_UNITS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Seconds, or NaN when the text is not a duration. */
export function parseDuration(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  const unit = match?.[2] as keyof typeof DURATION_UNITS | undefined;
  return match && unit ? Number(match[1]) * DURATION_UNITS[unit] : Number.NaN;
}

/** Type guards for outside input, in one place. */

/**
 * A JSON object (not null, not a list). JSON.parse makes `__proto__` an own key, so callers that
 * care about prototype keys check the key list themselves.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

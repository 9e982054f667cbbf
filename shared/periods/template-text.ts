/**
 * Which parameter values are templates. Kept apart from the parser (and its date library) so
 * that the webhook, which only builds RunFlows, can tell a template without carrying either.
 */

/** `{{` opens an expression; a value without it is a plain value, sent as written. */
export const TEMPLATE_OPEN = '{{';
export const TEMPLATE_CLOSE = '}}';

export function isTemplate(value: unknown): value is string {
  return typeof value === 'string' && value.includes(TEMPLATE_OPEN);
}

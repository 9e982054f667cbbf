/**
 * The config-load check of a template: it must parse, and a trial render must give a value of
 * the parameter's type. The trial time is fixed (a leap day), so a config validates the same way
 * on every machine and every day; `dwq validate` also renders each schedule's next fires.
 */
import { DateTime } from 'luxon';
import type { ParameterType } from '../dataworq/parameter-types.ts';
import { ParameterTemplateError } from '../errors.ts';
import { renderTemplate, typedValue } from './render.ts';
import { parseTemplate } from './template.ts';

const TRIAL_TIME = DateTime.fromISO('2024-02-29T06:00:00Z', { zone: 'UTC' });

/** What is wrong with a template for a parameter of `type`, or undefined. */
export function templateProblem(type: ParameterType, template: string): string | undefined {
  try {
    const rendered = renderTemplate(parseTemplate(template), TRIAL_TIME);
    if (typedValue(type, rendered) !== undefined) return undefined;
    const shown = rendered.kind === 'number' ? String(rendered.number) : rendered.kind === 'text' ? rendered.text : '';
    return (
      `renders '${shown}' (for a logical time of 2024-02-29), which is not ${type === 'integer' ? 'an integer' : 'a number'}: ` +
      "end the expression with a filter that gives a number (fiscalYear, fiscalQuarter, fiscalPeriod) or format digits only, such as format: 'yyyyMM'"
    );
  } catch (error) {
    if (error instanceof ParameterTemplateError) return error.message;
    throw error;
  }
}

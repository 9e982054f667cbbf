/**
 * Rendering: a run's templated parameters become typed values from its logical time, once, at
 * the start of the run (Submit), and the same way for previews and backfills. Pure: the result
 * depends only on the parameters, the logical time, its zone and the fiscal calendar.
 */
import { DateTime } from 'luxon';
import type { FlowParameter, ParameterType, ParameterValue } from '../dataworq/parameter-types.ts';
import { ParameterTemplateError } from '../errors.ts';
import type { RunParameter } from '../model.ts';
import { DEFAULT_CALENDAR, type FiscalCalendar } from './calendar.ts';
import { filterSpec, type TemplateValue } from './filters.ts';
import { parseTemplate, type ParsedTemplate, type TemplatePart } from './template.ts';

/** How a time that no filter turned into text or a number is written. */
const TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ssZZ";

/**
 * The logical time as a Luxon time in its zone. A text with an offset keeps its instant; one
 * without (`2026-03-31`, `2026-03-31T06:00`) is read on the zone's wall clock.
 */
export function logicalDateTime(logicalTime: string | Date, timeZone: string): DateTime {
  const parsed =
    typeof logicalTime === 'string' ? DateTime.fromISO(logicalTime, { zone: timeZone }) : DateTime.fromJSDate(logicalTime, { zone: timeZone });
  if (!parsed.isValid) {
    const reason = `cannot render the templated parameters: the logical time '${String(typeof logicalTime === 'string' ? logicalTime : logicalTime.toISOString())}' in ${timeZone} is not a valid time (${parsed.invalidExplanation ?? parsed.invalidReason ?? 'unreadable'})`;
    throw new ParameterTemplateError(reason, { reason });
  }
  return parsed;
}

/** One template's value: a number when it is one expression giving a number, else text. */
export function renderTemplate(template: string | ParsedTemplate, at: DateTime, calendar: FiscalCalendar = DEFAULT_CALENDAR): TemplateValue {
  const parsed = typeof template === 'string' ? parseTemplate(template) : template;
  const values = parsed.parts.filter((part) => part.kind === 'expression' || part.text !== '').map((part) => partValue(part, at, calendar));
  const [only] = values;
  if (values.length === 1 && only !== undefined && only.kind === 'number') return only;
  return { kind: 'text', text: values.map(valueText).join('') };
}

function partValue(part: TemplatePart, at: DateTime, calendar: FiscalCalendar): TemplateValue {
  if (part.kind === 'text') return { kind: 'text', text: part.text };
  let value: TemplateValue = part.literal === undefined ? { kind: 'time', time: at } : { kind: 'text', text: part.literal };
  for (const call of part.filters) {
    // The parser checked every name, argument and kind: a filter here always exists.
    const spec = filterSpec(call.name);
    if (spec !== undefined) value = spec.apply(value, call.argument, calendar);
  }
  return value;
}

function valueText(value: TemplateValue): string {
  if (value.kind === 'text') return value.text;
  if (value.kind === 'number') return String(value.number);
  return value.time.toFormat(TIME_FORMAT);
}

/**
 * The parameters as DataWORQ takes them: fixed values as they are, templates rendered at the
 * logical time in `timeZone` and typed. Throws ParameterTemplateError naming the parameter, its
 * config path and, for a template fault, the column.
 */
export function renderParameters(
  parameters: readonly RunParameter[],
  logicalTime: string | Date,
  timeZone: string,
  calendar: FiscalCalendar = DEFAULT_CALENDAR,
): FlowParameter[] {
  if (!parameters.some((parameter) => 'template' in parameter)) return parameters as FlowParameter[];
  const at = logicalDateTime(logicalTime, timeZone);
  return parameters.map((parameter) => {
    if (!('template' in parameter)) return parameter;
    const where = `parameter ${parameter.name}${parameter.path ? ` (${parameter.path})` : ''}`;
    let rendered: TemplateValue;
    try {
      rendered = renderTemplate(parameter.template, at, calendar);
    } catch (error) {
      if (!(error instanceof ParameterTemplateError)) throw error;
      throw new ParameterTemplateError(`${where}: ${error.message}`, { ...details(parameter), reason: error.reason, ...columnOf(error) });
    }
    const value = typedValue(parameter.type, rendered);
    if (value === undefined) {
      const text = valueText(rendered);
      const reason = `the template rendered '${text}', which is not ${parameter.type === 'integer' ? 'an integer' : 'a number'}`;
      throw new ParameterTemplateError(`${where} is ${parameter.type === 'integer' ? 'an integer' : 'a float'}, but ${reason}`, { ...details(parameter), reason });
    }
    return { name: parameter.name, type: parameter.type, value };
  });
}

function details(parameter: { readonly name: string; readonly path?: string }) {
  return { parameter: parameter.name, ...(parameter.path ? { path: parameter.path } : {}) };
}

function columnOf(error: ParameterTemplateError) {
  return error.column === undefined ? {} : { column: error.column };
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The rendered value as the declared type, or undefined when it is not one. */
export function typedValue(type: ParameterType, rendered: TemplateValue): ParameterValue | undefined {
  if (type === 'string') return valueText(rendered);
  const number = rendered.kind === 'number' ? rendered.number : numberFromText(type, valueText(rendered).trim());
  if (number === undefined) return undefined;
  if (type === 'integer') return Number.isSafeInteger(number) ? number : undefined;
  return Number.isFinite(number) ? number : undefined;
}

function numberFromText(type: ParameterType, text: string): number | undefined {
  return (type === 'integer' ? INTEGER_TEXT : FLOAT_TEXT).test(text) ? Number(text) : undefined;
}

/** The template grammar's refusals, word for word: each names what is wrong and its column. */
import { describe, expect, it } from 'vitest';
import { ParameterTemplateError } from '../../../shared/errors.ts';
import { parseTemplate } from '../../../shared/periods/template.ts';

function refusal(template: string): string {
  try {
    parseTemplate(template);
  } catch (error) {
    if (error instanceof ParameterTemplateError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('Function: parseTemplate', () => {
  it.each([
    ["{{ logicalTime | shfit: '-P1M' }}", "unknown filter 'shfit' at column 18; did you mean 'shift'?"],
    ['{{ logicalTime | nope }}', "unknown filter 'nope' at column 18; the filters are shift, startOf, endOf, format, fiscalYear, fiscalQuarter, fiscalPeriod, pad"],
    ['{{ logicalTim }}', "unknown value 'logicalTim' at column 4; did you mean 'logicalTime'?"],
    ["{{ logicalTime | shift: '-P1X' }}", "filter 'shift' at column 18: '-P1X' is not an ISO 8601 duration (for example '-P1M', 'P1D', 'PT6H')"],
    ['{{ logicalTime | shift }}', "filter 'shift' at column 18 needs an argument: an ISO 8601 duration in quotes, for example shift: '-P1M'"],
    ["{{ logicalTime | startOf: 'fortnight' }}", "filter 'startOf' at column 18: 'fortnight' is not one of day, week, month, quarter, year"],
    ["{{ logicalTime | fiscalYear: 'x' }}", "filter 'fiscalYear' at column 18 takes no argument"],
    ["{{ logicalTime | fiscalYear | format: 'yyyy' }}", "filter 'format' at column 31 needs a time, but gets a number"],
    ["{{ logicalTime | format: 'yyyy }}", 'the quote \' is never closed at column 26'],
    ["P{{ logicalTime | format: 'yyyy'", "'{{' is never closed with '}}' at column 2"],
    ['{{ }}', 'empty expression at column 1; write {{ logicalTime | ... }}'],
    ["{{ logicalTime format: 'yyyy' }}", "expected '|' or '}}' at column 16"],
    ['{{ logicalTime | pad: 2 }}', "filter 'pad' at column 18 needs a number, but gets a time"],
    ['{{ logicalTime ; }}', "unexpected ';' at column 16"],
  ])('refuses %s', (template, message) => {
    expect(refusal(template)).toBe(message);
  });

  it('accepts text around and between expressions, double quotes and chained filters', () => {
    const parsed = parseTemplate(`P{{ logicalTime | shift: "-P1M" | format: "yyyy-MM" }}-X{{logicalTime|fiscalYear}}`);
    expect(parsed.parts.map((part) => (part.kind === 'text' ? part.text : part.output))).toEqual(['P', 'text', '-X', 'number']);
  });

  it('keeps the column on the error for tools that point at it', () => {
    let column: number | undefined;
    try {
      parseTemplate("{{ logicalTime | shfit: '-P1M' }}");
    } catch (error) {
      column = error instanceof ParameterTemplateError ? error.column : undefined;
    }
    expect(column).toBe(18);
  });
});

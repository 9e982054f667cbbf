/**
 * The parameter template grammar, and nothing more: text with expressions
 * `{{ logicalTime | filter: 'argument' | filter }}` between. An expression starts from
 * `logicalTime` (or a quoted text, so `{{ '{{' }}` writes braces) and applies filters left to
 * right; an argument is one quoted text (single or double quotes, no escapes) or a whole number.
 * No variables, no code: a template can only compute a date-derived value. Every name, argument
 * and kind is checked here, so an error names its column (1-based) before any run uses it.
 */
import { editDistance } from '../config/suggest.ts';
import { ParameterTemplateError } from '../errors.ts';
import { FILTER_NAMES, type FilterArgument, filterSpec, type ValueKind } from './filters.ts';
import { TEMPLATE_CLOSE, TEMPLATE_OPEN } from './template-text.ts';

export const LOGICAL_TIME = 'logicalTime';

export interface FilterCall {
  readonly name: string;
  readonly argument?: FilterArgument;
  readonly column: number;
}

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'expression';
      /** undefined = logicalTime; a string = a quoted text. */
      readonly literal?: string;
      readonly filters: readonly FilterCall[];
      readonly output: ValueKind;
    };

export interface ParsedTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
}

type Token =
  | { readonly type: 'word'; readonly text: string; readonly column: number }
  | { readonly type: 'string'; readonly text: string; readonly column: number }
  | { readonly type: 'number'; readonly value: number; readonly column: number }
  | { readonly type: '|' | ':' | 'end'; readonly column: number };

/** Parses and checks a template; throws ParameterTemplateError (reason + column). */
export function parseTemplate(source: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let position = 0;
  while (position < source.length) {
    const open = source.indexOf(TEMPLATE_OPEN, position);
    if (open < 0) {
      parts.push({ kind: 'text', text: source.slice(position) });
      break;
    }
    if (open > position) parts.push({ kind: 'text', text: source.slice(position, open) });
    const { tokens, next } = tokenize(source, open);
    parts.push(expression(tokens, open + 1));
    position = next;
  }
  return { source, parts };
}

/** `unknown filter 'shfit' at column 18; did you mean 'shift'?`: the hint goes after the column. */
function fail(reason: string, column: number, hint = ''): never {
  throw new ParameterTemplateError(`${reason} at column ${column}${hint}`, { reason: `${reason}${hint}`, column });
}

/** The tokens of the expression opened at `open`, up to and including its `}}`. */
function tokenize(source: string, open: number): { tokens: Token[]; next: number } {
  const tokens: Token[] = [];
  let index = open + TEMPLATE_OPEN.length;
  while (index < source.length) {
    const char = source.charAt(index);
    const column = index + 1;
    if (/\s/.test(char)) index += 1;
    else if (source.startsWith(TEMPLATE_CLOSE, index)) {
      tokens.push({ type: 'end', column });
      return { tokens, next: index + TEMPLATE_CLOSE.length };
    } else if (char === '|' || char === ':') {
      tokens.push({ type: char, column });
      index += 1;
    } else if (char === "'" || char === '"') {
      const close = source.indexOf(char, index + 1);
      if (close < 0) fail(`the quote ${char} is never closed`, column);
      tokens.push({ type: 'string', text: source.slice(index + 1, close), column });
      index = close + 1;
    } else {
      const word = /^[A-Za-z_][A-Za-z0-9_]*|^-?\d+/.exec(source.slice(index))?.[0];
      if (word === undefined) fail(`unexpected '${char}'`, column);
      tokens.push(/^-?\d/.test(word) ? { type: 'number', value: Number(word), column } : { type: 'word', text: word, column });
      index += word.length;
    }
  }
  return fail(`'${TEMPLATE_OPEN}' is never closed with '${TEMPLATE_CLOSE}'`, open + 1);
}

function expression(tokens: readonly Token[], openColumn: number): TemplatePart {
  let index = 0;
  const next = (): Token => tokens[index++] as Token;
  const head = next();
  let literal: string | undefined;
  let kind: ValueKind;
  if (head.type === 'end') fail('empty expression', openColumn, `; write {{ ${LOGICAL_TIME} | ... }}`);
  if (head.type === 'string') {
    literal = head.text;
    kind = 'text';
  } else if (head.type === 'word' && head.text === LOGICAL_TIME) kind = 'time';
  else if (head.type === 'word') fail(`unknown value '${head.text}'`, head.column, suggestion(head.text, [LOGICAL_TIME]) ?? `; the value is ${LOGICAL_TIME}`);
  else fail(`an expression starts with ${LOGICAL_TIME}`, head.column);
  const filters: FilterCall[] = [];
  for (let token = next(); token.type !== 'end'; token = next()) {
    if (token.type !== '|') fail(`expected '|' or '${TEMPLATE_CLOSE}'`, token.column);
    const name = next();
    if (name.type !== 'word') fail(`expected a filter name after '|'`, name.column, `; the filters are ${FILTER_NAMES.join(', ')}`);
    let argument: FilterArgument | undefined;
    if (tokens[index]?.type === ':') {
      index += 1;
      const value = next();
      if (value.type !== 'string' && value.type !== 'number') fail(`expected an argument after '${name.text}:'`, value.column);
      argument = value.type === 'string' ? value.text : value.value;
    }
    kind = checkFilter({ name: name.text, argument, column: name.column }, kind);
    filters.push({ name: name.text, argument, column: name.column });
  }
  return { kind: 'expression', literal, filters, output: kind };
}

/** Checks one filter against the value it receives; returns the kind it gives. */
function checkFilter(call: FilterCall, input: ValueKind): ValueKind {
  const spec = filterSpec(call.name);
  if (spec === undefined) {
    fail(`unknown filter '${call.name}'`, call.column, suggestion(call.name, FILTER_NAMES) ?? `; the filters are ${FILTER_NAMES.join(', ')}`);
  }
  if (spec.input !== input) fail(`filter '${call.name}'`, call.column, ` needs ${article(spec.input)}, but gets ${article(input)}`);
  if (spec.argument === undefined && call.argument !== undefined) fail(`filter '${call.name}'`, call.column, ' takes no argument');
  if (spec.argument !== undefined) {
    if (call.argument === undefined) fail(`filter '${call.name}'`, call.column, ` needs an argument: ${spec.argument.wanted}`);
    const problem = spec.argument.problem(call.argument);
    if (problem !== undefined) fail(`filter '${call.name}'`, call.column, `: ${problem}`);
  }
  return spec.output;
}

function article(kind: ValueKind): string {
  return kind === 'time' ? 'a time' : kind === 'number' ? 'a number' : 'text';
}

/** "; did you mean 'shift'?" for a near miss (two edits or fewer), else undefined. */
function suggestion(word: string, known: readonly string[]): string | undefined {
  const ranked = known.map((candidate) => ({ candidate, distance: editDistance(word.toLowerCase(), candidate.toLowerCase()) }));
  const best = ranked.sort((a, b) => a.distance - b.distance)[0];
  return best !== undefined && best.distance <= 2 ? `; did you mean '${best.candidate}'?` : undefined;
}

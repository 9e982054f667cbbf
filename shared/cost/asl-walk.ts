/**
 * Counts what one execution of a Step Functions definition costs, by walking it: every state
 * entered is one billed state transition, every Task entered one Lambda invocation. Task results
 * come from the caller, so the same walk prices our RunFlow definition and the baseline sample.
 * Only what these two definitions use is supported (JSONPath Choice rules, ResultPath).
 */

export interface AslState {
  readonly Type: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Choices?: readonly ChoiceRule[];
  readonly ResultPath?: string | null;
  readonly [key: string]: unknown;
}

export interface ChoiceRule {
  readonly Variable?: string;
  readonly Next?: string;
  readonly IsPresent?: boolean;
  readonly StringEquals?: string;
  readonly BooleanEquals?: boolean;
  readonly And?: readonly ChoiceRule[];
  readonly Or?: readonly ChoiceRule[];
  readonly Not?: ChoiceRule;
}

export interface WalkableDefinition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslState | Record<string, unknown>>>;
}

/** The result of the n-th (1-based) invocation of a Task state. */
export type TaskResults = Readonly<Record<string, (invocation: number) => unknown>>;

export interface WalkCount {
  readonly transitions: number;
  /** Invocations per Task state name. */
  readonly tasks: Readonly<Record<string, number>>;
  /** The state the execution ended in. */
  readonly endState: string;
}

const MAX_STEPS = 1_000_000;

export function walkExecution(definition: WalkableDefinition, results: TaskResults, input: unknown = {}): WalkCount {
  const tasks: Record<string, number> = {};
  let data: unknown = input;
  let name = definition.StartAt;
  for (let transitions = 1; transitions <= MAX_STEPS; transitions++) {
    const state = definition.States[name] as AslState | undefined;
    if (state === undefined) throw new Error(`definition has no state ${JSON.stringify(name)}`);
    if (state.Type === 'Task') {
      const invocation = (tasks[name] = (tasks[name] ?? 0) + 1);
      const result = results[name];
      if (result === undefined) throw new Error(`no result given for Task ${name}`);
      data = withResult(data, state.ResultPath, result(invocation));
    }
    const next = state.Type === 'Choice' ? choose(state, data) : state.Next;
    if (state.End || state.Type === 'Succeed' || state.Type === 'Fail' || next === undefined) return { transitions, tasks, endState: name };
    name = next;
  }
  throw new Error(`execution did not end within ${MAX_STEPS} transitions`);
}

function choose(state: AslState, data: unknown): string {
  const rule = (state.Choices ?? []).find((candidate) => matches(candidate, data));
  const next = rule?.Next ?? state.Default;
  if (next === undefined) throw new Error('Choice state with no matching rule and no Default (States.NoChoiceMatched)');
  return next;
}

function matches(rule: ChoiceRule, data: unknown): boolean {
  if (rule.And) return rule.And.every((inner) => matches(inner, data));
  if (rule.Or) return rule.Or.some((inner) => matches(inner, data));
  if (rule.Not) return !matches(rule.Not, data);
  const value = rule.Variable === undefined ? undefined : valueAt(data, rule.Variable);
  if (rule.IsPresent !== undefined) return (value !== undefined) === rule.IsPresent;
  if (rule.StringEquals !== undefined) return value === rule.StringEquals;
  if (rule.BooleanEquals !== undefined) return value === rule.BooleanEquals;
  throw new Error(`unsupported Choice rule ${JSON.stringify(rule)}`);
}

function pathSegments(path: string): string[] {
  if (!path.startsWith('$')) throw new Error(`unsupported path ${path}`);
  return path.slice(1).split('.').filter(Boolean);
}

function valueAt(data: unknown, path: string): unknown {
  let current = data;
  for (const segment of pathSegments(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** ResultPath: null discards the result, `$` replaces the input, `$.a.b` sets that field. */
function withResult(data: unknown, resultPath: string | null | undefined, result: unknown): unknown {
  if (resultPath === null) return data;
  const segments = pathSegments(resultPath ?? '$');
  if (segments.length === 0) return result;
  const root: Record<string, unknown> = structuredClone((data ?? {}) as Record<string, unknown>);
  let parent = root;
  for (const segment of segments.slice(0, -1)) {
    const child = parent[segment];
    parent = parent[segment] = child !== null && typeof child === 'object' ? (child as Record<string, unknown>) : {};
  }
  parent[segments.at(-1)!] = result;
  return root;
}

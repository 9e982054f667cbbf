/**
 * Masking of parameter values that must not travel: the ones with credential-like names, and the
 * ones read from a secret (`fromSecret`). DataWORQ echoes every parameter in its log's "Parameter
 * Set" table (`|  NAME  |  TYPE  |  VALUE  |`), and the log tail goes into state, alerts and
 * GET /runs: so the table's rows are masked by name, and known values wherever they appear.
 */
import type { JobSummary, RunFlow } from '../model.ts';

export const MASK = '***';
/** Parameter names that look like credentials: their values never leave in a summary or alert. */
export const SENSITIVE_NAME = /pass(word)?|secret|token|api[-_]?key|credential|private/i;
/** Shorter values are not searched for in free text: `1` would mask every digit of a log. */
const MIN_MASKED_VALUE_CHARS = 4;

export interface ParameterMask {
  /** Extra names whose rows are masked whatever they are called (fromSecret parameters). */
  readonly names?: readonly string[];
  /** Values blanked out wherever they appear (sensitive-named parameters given in config). */
  readonly values?: readonly string[];
}

export function isMaskedName(name: string, mask: ParameterMask = {}): boolean {
  return SENSITIVE_NAME.test(name) || (mask.names ?? []).includes(name);
}

/** What must be masked for a flow: fromSecret names, and the values of sensitive-named parameters. */
export function parameterMaskOf(flow: Pick<RunFlow, 'parameters' | 'secretParameters'>): ParameterMask {
  return {
    names: (flow.secretParameters ?? []).map((parameter) => parameter.name),
    values: flow.parameters.flatMap((parameter) => (SENSITIVE_NAME.test(parameter.name) && 'value' in parameter ? [String(parameter.value)] : [])),
  };
}

/** Masks the value cell of every table row whose first cell names a masked parameter, and the known values. */
export function maskText(text: string, mask: ParameterMask = {}): string {
  let masked = text.includes('|') ? text.split('\n').map((line) => maskRow(line, mask)).join('\n') : text;
  for (const value of mask.values ?? []) {
    if (value.length >= MIN_MASKED_VALUE_CHARS) masked = masked.split(value).join(MASK);
  }
  return masked;
}

/** `|  DB_PASSWORD  |  STRING  |  "hunter2"  |` → `|  DB_PASSWORD  |  STRING  |  ***  |` (the value may hold `|`). */
function maskRow(line: string, mask: ParameterMask): string {
  const trimmed = line.trimEnd();
  const cr = line.endsWith('\r') ? '\r' : '';
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|')) return line;
  const cells = trimmed.slice(1, -1).split('|');
  if (cells.length < 3) return line;
  const [name = '', type = ''] = cells;
  if (!isMaskedName(name.trim(), mask)) return line;
  const width = cells.slice(2).join('|').length;
  return `|${name}|${type}|${`  ${MASK}`.padEnd(Math.max(width, MASK.length + 2))}|${cr}`;
}

/**
 * A summary with its log tail, error and any text masked. A tail that starts inside a table row
 * may have cut the row's name off its value, so such a partial first line is dropped.
 */
export function maskJobSummary(job: JobSummary, mask: ParameterMask = {}, options: { readonly cutTail?: boolean } = {}): JobSummary {
  let logTail = job.logTail;
  let dropped = job.logTruncatedBytes;
  // A tail fresh from a cut (summarize-job.ts) may start inside a line; an already-masked one does not.
  if (logTail !== undefined && (dropped ?? 0) > 0 && options.cutTail !== false) {
    const firstBreak = logTail.indexOf('\n');
    const partial = firstBreak === -1 ? logTail : logTail.slice(0, firstBreak + 1);
    if (/\|.*\|\r?\n?$/.test(partial)) {
      logTail = logTail.slice(partial.length);
      dropped = (dropped ?? 0) + Buffer.byteLength(partial, 'utf8');
    }
  }
  return {
    ...job,
    ...(logTail !== undefined ? { logTail: maskText(logTail, mask), logTruncatedBytes: dropped } : {}),
    ...(job.error !== undefined ? { error: maskText(job.error, mask) } : {}),
  };
}

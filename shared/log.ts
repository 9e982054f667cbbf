/**
 * The logging port. Powertools' Logger satisfies it in Lambda; local mode and tests pass their
 * own. Extra fields are structured keys, never secrets and never a whole DataWORQ log.
 */
export interface Log {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

/** A short, secret-free description of an error for logs and alert messages. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Only the class name of an error (an SDK's message may quote request data), for messages that wrap it. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'non-Error value thrown';
}

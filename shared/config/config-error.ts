import { ValidationError } from '../errors.ts';

/**
 * The flows config is invalid. `issues` holds one line per problem, each `path: message`, where the
 * message says how to fix it when we know; the error message lists them all, so a user fixes the
 * whole file in one pass instead of one mistake per run.
 */
export class ConfigError extends ValidationError {
  /** Where the config came from: a file path, or the label given to parseConfig. */
  readonly source: string;
  readonly issues: readonly string[];

  constructor(source: string, issues: readonly string[], options?: ErrorOptions) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`${source} is not a valid DataWORQ config (${count}):\n${issues.map((issue) => `  - ${issue}`).join('\n')}`, options);
    this.name = 'ConfigError';
    this.source = source;
    this.issues = issues;
  }
}

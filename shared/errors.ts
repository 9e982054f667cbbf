/**
 * One base error and a subclass per failure a caller must tell apart. The state machine retries
 * and catches by `name`, so names are part of the contract: never rename one without the ASL.
 */
export class DwqError extends Error {
  override readonly name: string = 'DwqError';
}

/**
 * The base of each error class below: `Base` under the class's name. The name is written out,
 * never read from the class: the Lambda bundles are minified, and the state machine catches by name.
 */
function named(name: string, Base: typeof DwqError = DwqError): typeof DwqError {
  return class extends Base {
    override readonly name: string = name;
  };
}

/** The base of a named error class that carries one fact a caller decides by: `new X(message, fact)` sets `error[key]`. */
function namedWithFact<K extends string, V>(name: string, key: K): new (message: string, fact: V, options?: ErrorOptions) => DwqError & { readonly [P in K]: V } {
  const WithFact = class extends named(name) {
    constructor(message: string, fact: V, options?: ErrorOptions) {
      super(message, options);
      Object.assign(this, { [key]: fact });
    }
  };
  // The fact's property is set above under a computed key, which a class body cannot declare.
  return WithFact as new (message: string, fact: V, options?: ErrorOptions) => DwqError & { readonly [P in K]: V };
}

/** Bad input we refuse before anything is sent or started (config, parameters, request bodies). */
export class ValidationError extends named('ValidationError') {}

/**
 * A parameter template that cannot be read or rendered: names the parameter, its config path and
 * the column in the template when there is one. A ValidationError, so a run it stops ends
 * SUBMIT_FAILED with this message.
 */
export class ParameterTemplateError extends named('ParameterTemplateError', ValidationError) {
  /** What is wrong, without the parameter and path in front. */
  readonly reason: string;
  readonly parameter?: string;
  readonly path?: string;
  /** 1-based column in the template text. */
  readonly column?: number;
  constructor(
    message: string,
    details: { readonly reason: string; readonly parameter?: string; readonly path?: string; readonly column?: number },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.reason = details.reason;
    this.parameter = details.parameter;
    this.path = details.path;
    this.column = details.column;
  }
}

/** DataWORQ answered 400: "Bad Request or Server error". Carries DataWORQ's text. Not retried blindly. */
export class DataworqRejectedError extends named('DataworqRejectedError') {
  readonly status: number;
  readonly body: string;
  constructor(message: string, status: number, body: string, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
    this.body = body;
  }
}

/** Network error, timeout, 5xx or a gateway's HTML page: retryable; for execute, ambiguous unless `notSent`. */
export class DataworqUnavailableError extends named('DataworqUnavailableError') {
  readonly status?: number;
  /**
   * True when the request provably never left (the connection was refused, the host name did not
   * resolve): DataWORQ cannot have acted on it, so even an execute may simply be tried again.
   */
  readonly notSent: boolean;
  constructor(message: string, status?: number, options?: ErrorOptions & { readonly notSent?: boolean }) {
    super(message, options);
    if (status !== undefined) this.status = status;
    this.notSent = options?.notSent ?? false;
  }
}

/**
 * DataWORQ's answer was larger than the client keeps in memory (after dropping what it does not
 * need, such as the logs of listed jobs). Refused whole rather than read into an out-of-memory
 * crash; a caller that can do without the answer (history learning) goes on without it.
 */
export class DataworqOversizedAnswerError extends namedWithFact<'limitBytes', number>('DataworqOversizedAnswerError', 'limitBytes') {}

/** DataWORQ answered, but not in a shape the seed describes. */
export class DataworqMalformedResponseError extends named('DataworqMalformedResponseError') {}

/** The job (or other resource) does not exist. */
export class DataworqNotFoundError extends named('DataworqNotFoundError') {}

/** A secret is missing, unreadable or lacks a field. Names the secret and the field, never a value. */
export class SecretConfigurationError extends named('SecretConfigurationError') {}

/** The alert could not be published; the state machine retries, then the execution fails. */
export class AlertPublishError extends named('AlertPublishError') {}

/**
 * After an ambiguous execute failure the job was neither confirmed nor ruled out: it may be
 * running. Submit ends the run SUBMIT_FAILED with this message instead of risking a second job.
 */
export class AmbiguousStartError extends named('AmbiguousStartError') {}

/** A Lambda could not be bundled at synth: esbuild refused its source (a syntax or import error). */
export class BundlingError extends named('BundlingError') {}

/** The code broke its own contract (e.g. Notify called before the run has an outcome): a bug, not bad input. */
export class InvariantError extends named('InvariantError') {}

/**
 * The flows config is invalid. `issues` holds one line per problem, each `path: message`, where the
 * message says how to fix it when we know; the error message lists them all, so a user fixes the
 * whole file in one pass instead of one mistake per run.
 */
export class ConfigError extends named('ConfigError', ValidationError) {
  /** Where the config came from: a file path, or the label given to parseConfig. */
  readonly source: string;
  readonly issues: readonly string[];

  constructor(source: string, issues: readonly string[], options?: ErrorOptions) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`${source} is not a valid DataWORQ config (${count}):\n${issues.map((issue) => `  - ${issue}`).join('\n')}`, options);
    this.source = source;
    this.issues = issues;
  }
}

/** The config is valid but its stack would pass a limit of CloudFormation, Step Functions or Lambda. */
export class DeploymentLimitError extends ConfigError {
  override readonly name: string = 'DeploymentLimitError';
  constructor(source: string, issues: readonly string[], options?: ErrorOptions) {
    super(source, issues, options);
    const count = issues.length === 1 ? 'a limit' : `${issues.length} limits`;
    this.message = `${source} would not deploy: it passes ${count}:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`;
  }
}

/**
 * A webhook refusal with its HTTP status. Thrown by the route steps and turned into a response by
 * the router (webhook/http-error.ts); the message is shown to the caller, so it never carries a
 * secret or a signature.
 */
export class WebhookHttpError extends named('WebhookHttpError') {
  readonly statusCode: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(statusCode: number, code: string, message: string, options?: ErrorOptions & { headers?: Record<string, string> }) {
    super(message, options);
    this.statusCode = statusCode;
    this.code = code;
    this.headers = options?.headers ?? {};
  }
}

/**
 * Step Functions refused to start a run for good (input too large or invalid, a bad name, no such
 * state machine): retrying the same request cannot help, so the webhook answers 4xx, never 503.
 */
export class RunStartRefusedError extends namedWithFact<'tooLarge', boolean>('RunStartRefusedError', 'tooLarge') {}

/** The alert memory could not be read or written (DynamoDB error, unreadable item, endless conflicts). */
export class AlertMemoryError extends named('AlertMemoryError') {}

/** A trigger claim could not be written or read (a DynamoDB error other than "already claimed"). */
export class TriggerClaimError extends named('TriggerClaimError') {}

/** A re-run asked for while the original run is still going (HTTP 409; `dwq rerun` without --force). */
export class RunInProgressError extends named('RunInProgressError') {}

/** The ledger has no record of this run (an operator command asked for it by id). */
export class UnknownRunError extends named('UnknownRunError') {}

/**
 * An operator command cannot use its target: the stack or one of its outputs is missing, or the
 * caller lacks a permission. `action` names the IAM action refused (e.g. `dynamodb:Query`).
 */
export class OperatorAccessError extends named('OperatorAccessError') {
  readonly action?: string;
  constructor(message: string, options?: ErrorOptions & { action?: string }) {
    super(message, options);
    this.action = options?.action;
  }
}

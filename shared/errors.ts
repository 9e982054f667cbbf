/**
 * One base error and a subclass per failure a caller must tell apart. The state machine retries
 * and catches by `name`, so names are part of the contract: never rename one without the ASL.
 */
export class DwqError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DwqError';
  }
}

/** Bad input we refuse before anything is sent or started (config, parameters, request bodies). */
export class ValidationError extends DwqError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ValidationError';
  }
}

/** DataWORQ answered 400: "Bad Request or Server error". Carries DataWORQ's text. Not retried blindly. */
export class DataworqRejectedError extends DwqError {
  readonly status: number;
  readonly body: string;
  constructor(message: string, status: number, body: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DataworqRejectedError';
    this.status = status;
    this.body = body;
  }
}

/** Network error, timeout, 5xx or a gateway's HTML page: retryable; for execute, ambiguous. */
export class DataworqUnavailableError extends DwqError {
  readonly status?: number;
  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DataworqUnavailableError';
    if (status !== undefined) this.status = status;
  }
}

/** DataWORQ answered, but not in a shape the seed describes. */
export class DataworqMalformedResponseError extends DwqError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DataworqMalformedResponseError';
  }
}

/** The job (or other resource) does not exist. */
export class DataworqNotFoundError extends DwqError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DataworqNotFoundError';
  }
}

/** A secret is missing, unreadable or lacks a field. Names the secret and the field, never a value. */
export class SecretConfigurationError extends DwqError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SecretConfigurationError';
  }
}

/** The alert could not be published; the state machine retries, then the execution fails. */
export class AlertPublishError extends DwqError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AlertPublishError';
  }
}

/**
 * After an ambiguous execute failure the job was neither confirmed nor ruled out: it may be
 * running. Submit ends the run SUBMIT_FAILED with this message instead of risking a second job.
 */
export class AmbiguousStartError extends DwqError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AmbiguousStartError';
  }
}

/** The code broke its own contract (e.g. Notify called before the run has an outcome): a bug, not bad input. */
export class InvariantError extends DwqError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvariantError';
  }
}

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

/** The config is valid but its stack would pass a limit of CloudFormation, Step Functions or Lambda. */
export class DeploymentLimitError extends ConfigError {
  constructor(source: string, issues: readonly string[], options?: ErrorOptions) {
    super(source, issues, options);
    this.name = 'DeploymentLimitError';
    const count = issues.length === 1 ? 'a limit' : `${issues.length} limits`;
    this.message = `${source} would not deploy: it passes ${count}:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`;
  }
}

/**
 * A webhook refusal with its HTTP status. Thrown by the route steps and turned into a response by
 * the router (webhook/http-error.ts); the message is shown to the caller, so it never carries a
 * secret or a signature.
 */
export class WebhookHttpError extends DwqError {
  readonly statusCode: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(statusCode: number, code: string, message: string, options?: ErrorOptions & { headers?: Record<string, string> }) {
    super(message, options);
    this.name = 'WebhookHttpError';
    this.statusCode = statusCode;
    this.code = code;
    this.headers = options?.headers ?? {};
  }
}

/** The alert memory could not be read or written (DynamoDB error, unreadable item, endless conflicts). */
export class AlertMemoryError extends DwqError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AlertMemoryError';
  }
}

/** A trigger claim could not be written or read (a DynamoDB error other than "already claimed"). */
export class TriggerClaimError extends DwqError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TriggerClaimError';
  }
}

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

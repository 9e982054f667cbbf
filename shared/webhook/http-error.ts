import { DwqError } from '../errors.ts';
import { jsonResponse, type HttpResponse } from './http.ts';

/**
 * A refusal with its HTTP status. Thrown by the route steps and turned into a response by the
 * router; the message is shown to the caller, so it never carries a secret or a signature.
 */
export class WebhookHttpError extends DwqError {
  readonly statusCode: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    statusCode: number,
    code: string,
    message: string,
    options?: ErrorOptions & { headers?: Record<string, string> },
  ) {
    super(message, options);
    this.name = 'WebhookHttpError';
    this.statusCode = statusCode;
    this.code = code;
    this.headers = options?.headers ?? {};
  }

  toResponse(): HttpResponse {
    return jsonResponse(this.statusCode, { error: this.code, message: this.message }, { ...this.headers });
  }
}

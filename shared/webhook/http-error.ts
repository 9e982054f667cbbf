/** WebhookHttpError lives in shared/errors.ts with every other error; here it becomes a response. */
import { WebhookHttpError } from '../errors.ts';
import { jsonResponse, type HttpResponse } from './http.ts';

export { WebhookHttpError };

/** The refusal as the caller sees it: its status, headers and `{ error, message }`. */
export function webhookErrorResponse(error: WebhookHttpError): HttpResponse {
  return jsonResponse(error.statusCode, { error: error.code, message: error.message }, { ...error.headers });
}

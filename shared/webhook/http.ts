/**
 * The webhook's HTTP shapes, free of Lambda and of any server: the Lambda adapter and local
 * mode's HTTP server both translate to and from these.
 */

export interface HttpRequest {
  readonly method: string;
  /** The path without any stage prefix, e.g. `/flows/nightly-load/runs`. */
  readonly path: string;
  readonly pathParameters?: Readonly<Record<string, string | undefined>>;
  /** The query string's parameters, decoded (a repeated one: the adapter's choice, API Gateway joins with commas). */
  readonly query?: Readonly<Record<string, string | undefined>>;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body exactly as sent (already base64-decoded); signatures are computed over it. */
  readonly rawBody: string;
  /** The API's host name, for the status URL (`https://<domainName>/runs/<runId>`). */
  readonly domainName?: string;
  /** Overrides `https://<domainName>` as the status URL's base, e.g. `http://localhost:3000` locally. */
  readonly baseUrl?: string;
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** `{ "error": code, "message": ... }`, the body of every refusal. */
export interface ErrorBody {
  readonly error: string;
  readonly message: string;
}

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

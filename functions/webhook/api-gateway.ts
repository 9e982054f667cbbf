/** API Gateway HTTP API (payload format 2.0) ⇄ the webhook core's HttpRequest/HttpResponse. */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpRequest, HttpResponse } from '../../shared/webhook/http.ts';

export function toHttpRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const { http, stage, domainName } = event.requestContext;
  const body = event.body ?? '';
  return {
    method: http.method,
    path: withoutStage(event.rawPath, stage),
    pathParameters: event.pathParameters,
    query: event.queryStringParameters,
    headers: lowerCased(event.headers ?? {}),
    // Signatures cover the bytes as sent, so a binary-flagged body is decoded, never re-serialised.
    rawBody: event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body,
    domainName,
  };
}

export function toApiGatewayResult(response: HttpResponse): APIGatewayProxyStructuredResultV2 {
  return { statusCode: response.statusCode, headers: { ...response.headers }, body: response.body, isBase64Encoded: false };
}

/** A named stage's rawPath starts with `/<stage>`; the `$default` stage's does not. */
function withoutStage(rawPath: string, stage: string): string {
  const prefix = `/${stage}`;
  if (stage === '$default' || !(rawPath === prefix || rawPath.startsWith(`${prefix}/`))) return rawPath;
  return rawPath.slice(prefix.length) || '/';
}

function lowerCased(headers: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

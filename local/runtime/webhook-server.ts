/**
 * The webhook on a laptop: a node:http server handing each request to the same core as the
 * Lambda (handleWebhookRequest), with the raw body, lower-cased headers and the config's body
 * limit; so the routes, auth and answers are the ones callers get in AWS.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleWebhookRequest } from '../../shared/webhook/handle-webhook.ts';
import { jsonResponse, type HttpRequest, type HttpResponse } from '../../shared/webhook/http.ts';
import type { WebhookDeps } from '../../shared/webhook/webhook-deps.ts';
import { OPERATOR_PATH_PREFIX, serveOperator, type OperatorEndpoint } from './operator-endpoint.ts';
import { readRequestBody } from './request-body.ts';

export interface WebhookServerOptions {
  readonly deps: WebhookDeps;
  /** Default 127.0.0.1: local mode is for this machine. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** An unexpected error (answered 500 without details). */
  readonly onError?: (error: unknown) => void;
  /** The base of status URLs; default the server's own address, never the caller's Host header. */
  readonly baseUrl?: string;
  /** `dwq start`'s operator endpoint under /_local/ (operator-endpoint.ts); absent = none. */
  readonly operator?: OperatorEndpoint;
}

/**
 * A slow or stalled client must not hold the server: the headers within 10 s, the whole request
 * within 30 s, idle keep-alive sockets closed, and at most 256 connections at once.
 */
export const WEBHOOK_SERVER_LIMITS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
} as const;

export interface WebhookServer {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const host = options.host ?? '127.0.0.1';
  let baseUrl = options.baseUrl ?? '';
  const server = createServer((req, res) => {
    serve(req, res, options, baseUrl).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) write(res, jsonResponse(500, { error: 'internal_error', message: 'internal error' }));
    });
  });
  server.headersTimeout = WEBHOOK_SERVER_LIMITS.headersTimeoutMs;
  server.requestTimeout = WEBHOOK_SERVER_LIMITS.requestTimeoutMs;
  server.keepAliveTimeout = WEBHOOK_SERVER_LIMITS.keepAliveTimeoutMs;
  server.maxConnections = WEBHOOK_SERVER_LIMITS.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  baseUrl = (baseUrl || url).replace(/\/+$/, '');
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, options: WebhookServerOptions, baseUrl: string): Promise<void> {
  const path = pathOf(req.url);
  if (path === undefined) {
    req.resume();
    write(res, jsonResponse(400, { error: 'bad_request', message: 'the request target is not a path; use POST /flows/{flow}/runs or GET /runs/{runId}' }));
    return;
  }
  const rawBody = await readRequestBody(req, options.deps.config.webhook.maxBodyBytes);
  const request: HttpRequest = { method: req.method ?? 'GET', path, query: queryOf(req.url), headers: headersOf(req), rawBody, baseUrl };
  if (options.operator && request.path.startsWith(OPERATOR_PATH_PREFIX)) {
    const operatorRequest = { method: request.method, path: request.path, authorization: request.headers['authorization'], remoteAddress: req.socket.remoteAddress, rawBody };
    write(res, await serveOperator(operatorRequest, options.operator));
    return;
  }
  write(res, await handleWebhookRequest(request, options.deps));
}

/** The query parameters of a target whose path was accepted (pathOf). */
function queryOf(target: string | undefined): Record<string, string> {
  return Object.fromEntries(new URL(target ?? '/', 'http://local').searchParams);
}

/** The path of an origin-form target (`/flows/x/runs?a=1`); anything else (`//`, `http://[::1`) is undefined. */
function pathOf(target: string | undefined): string | undefined {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return undefined;
  try {
    return new URL(target, 'http://local').pathname;
  } catch {
    return undefined;
  }
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function write(res: ServerResponse, response: HttpResponse): void {
  res.writeHead(response.statusCode, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
  res.end(response.body);
}

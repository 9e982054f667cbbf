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

export interface WebhookServerOptions {
  readonly deps: WebhookDeps;
  /** Default 127.0.0.1: local mode is for this machine. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** An unexpected error (answered 500 without details). */
  readonly onError?: (error: unknown) => void;
  /** `dwq start`'s operator endpoint under /_local/ (operator-endpoint.ts); absent = none. */
  readonly operator?: OperatorEndpoint | undefined;
}

export interface WebhookServer {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    serve(req, res, options).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) write(res, jsonResponse(500, { error: 'internal_error', message: 'internal error' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, options: WebhookServerOptions): Promise<void> {
  const rawBody = await readBody(req, options.deps.config.webhook.maxBodyBytes);
  const request: HttpRequest = {
    method: req.method ?? 'GET',
    path: new URL(req.url ?? '/', 'http://local').pathname,
    query: Object.fromEntries(new URL(req.url ?? '/', 'http://local').searchParams),
    headers: headersOf(req),
    rawBody,
    baseUrl: `http://${req.headers.host ?? `127.0.0.1:${(req.socket.localPort ?? 0).toString()}`}`,
  };
  if (options.operator && request.path.startsWith(OPERATOR_PATH_PREFIX)) {
    const operatorRequest = { method: request.method, path: request.path, authorization: request.headers['authorization'], remoteAddress: req.socket.remoteAddress, rawBody };
    write(res, await serveOperator(operatorRequest, options.operator));
    return;
  }
  write(res, await handleWebhookRequest(request, options.deps));
}

/**
 * The body as text, kept only up to one byte past the limit: enough for the core to answer 413
 * with the same check as in AWS, without holding an arbitrarily large upload in memory.
 */
async function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    if (kept > maxBodyBytes) continue;
    chunks.push(buffer);
    kept += buffer.length;
  }
  return Buffer.concat(chunks).toString('utf8');
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

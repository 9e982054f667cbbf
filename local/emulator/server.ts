import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ValidationError } from '../../shared/errors.ts';
import { answerOperation } from './answer-operation.ts';
import { answers } from './answers.ts';
import type { EmulatorAnswer } from './answers.ts';
import { catalogueFlows } from './catalogue.ts';
import { FaultBook } from './fault-book.ts';
import { readIncomingCall } from './incoming-call.ts';
import { JobStore } from './job-store.ts';
import type { NativeOperation } from './native-endpoint.ts';
import type { CallKind, EmulatorCall, EmulatorHandle, EmulatorOptions, EmulatorTransport } from './types.ts';

const MAX_BODY_BYTES = 1024 * 1024;
type RecordedCall = { -readonly [K in keyof EmulatorCall]: EmulatorCall[K] };

/**
 * Starts a DataWORQ emulator: a real HTTP server speaking the Cloud Connector (`/call/execute`,
 * `/call/status`) and the native API (`/api/v1/jobs...`) with the seed's shapes.
 */
export async function startEmulator(options: EmulatorOptions): Promise<EmulatorHandle> {
  assertOptions(options);
  const emulator = new Emulator(options);
  const server = createServer((req, res) => emulator.serve(req, res));
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  const { store, faults, calls } = emulator;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    keys: options.keys,
    calls,
    count: (kind: CallKind) => calls.filter((call) => call.kind === kind).length,
    jobs: () => store.all(),
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    addFlow: (flow) => store.addFlow(flow),
    reset: () => {
      store.forgetJobs();
      faults.clear();
      calls.length = 0;
    },
    close: () => close(server, emulator.lifetime),
  };
}

/** The state behind one emulator and its request handling, apart from the socket plumbing. */
class Emulator {
  readonly store: JobStore;
  readonly faults = new FaultBook();
  readonly calls: RecordedCall[] = [];
  /** Aborted on close, so delayed answers stop waiting. */
  readonly lifetime = new AbortController();
  readonly #options: EmulatorOptions;
  readonly #clock: () => number;

  constructor(options: EmulatorOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
    this.store = new JobStore(options.flows ?? catalogueFlows, {
      clock: this.#clock,
      speed: options.speed ?? 1,
      statusForm: options.statusForm ?? 'object',
      unknownJobAnswer: options.unknownJobAnswer ?? 400,
    });
  }

  serve(req: IncomingMessage, res: ServerResponse): void {
    res.on('error', () => undefined);
    this.#handle(req, res).catch((error: unknown) => {
      if (this.lifetime.signal.aborted) return;
      if (!this.#options.quiet) console.error('[emulator] request failed:', error);
      write(res, answers.text('Internal emulator error', 500));
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const body = await readBody(req);
    const incoming = readIncomingCall(method, url, req.headers, this.#options.keys);
    const { operation } = incoming;
    const call = this.#record(method, url, incoming.endpoint, incoming.transport, operation, body);
    let answer: EmulatorAnswer;
    if (body === undefined) answer = answers.text('Payload Too Large', 413);
    else if (incoming.refusal !== undefined || operation === undefined) answer = incoming.refusal ?? answers.badRequest();
    else {
      const fault = this.faults.take(operation.kind, call.flowId);
      answer = await answerOperation(this.store, operation, body, fault, this.lifetime.signal);
    }
    call.status = answer.status;
    if (!this.#options.quiet) {
      console.log(`[emulator] ${answer.status} ${method} ${call.path}${call.endpoint ? ` endpoint=${call.endpoint}` : ''}`);
    }
    write(res, answer);
  }

  #record(
    method: string,
    url: string,
    endpoint: string | undefined,
    transport: EmulatorTransport | undefined,
    operation: NativeOperation | undefined,
    body: string | undefined,
  ): RecordedCall {
    const call: RecordedCall = {
      method,
      path: url.split('?')[0] ?? url,
      endpoint,
      kind: operation?.kind ?? 'other',
      transport,
      at: this.#clock(),
      status: undefined,
    };
    // Faults scoped to a flow match execute bodies and status calls on that flow's jobs.
    if (operation?.kind === 'status') call.jobId = operation.jobId;
    const flowId =
      operation?.kind === 'execute'
        ? JobStore.flowIdOf(body ?? '')
        : operation?.kind === 'status'
          ? this.store.find(operation.jobId)?.flowId
          : undefined;
    if (flowId !== undefined) call.flowId = flowId;
    this.calls.push(call);
    return call;
  }
}

/** The body as text, or undefined when it is larger than any JobRequest should be. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function write(res: ServerResponse, answer: EmulatorAnswer): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, {
    'content-type': answer.contentType,
    'content-length': Buffer.byteLength(answer.body, 'utf8'),
  });
  res.end(answer.body);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server, lifetime: AbortController): Promise<void> {
  lifetime.abort();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

function assertOptions(options: EmulatorOptions): void {
  const { keys, speed, statusForm } = options;
  if (typeof keys?.apiKey !== 'string' || keys.apiKey === '' || typeof keys.userApiKey !== 'string' || keys.userApiKey === '') {
    throw new ValidationError('emulator: keys.apiKey and keys.userApiKey must be non-empty strings');
  }
  if (speed !== undefined && !(Number.isFinite(speed) && speed > 0)) throw new ValidationError('emulator: speed must be a number > 0');
  if (statusForm !== undefined && !['object', 'json-string', 'text'].includes(statusForm)) {
    throw new ValidationError('emulator: statusForm must be object, json-string or text');
  }
}

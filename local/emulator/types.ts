/** The emulator's public shapes: flows it knows, faults it can play, calls it records. */
import type { TransportKind } from '../../shared/dataworq/constants.ts';
import type { ConnectorKeys, JobStatus, ParameterType } from '../../shared/dataworq/types.ts';

export type FlowOutcome = 'COMPLETED' | 'ERROR' | 'CANCELLED';

export interface EmulatorStep {
  /** Reported as currentStepId, e.g. `Step 1`. */
  readonly name: string;
  /** Emulated seconds (divided by the emulator's speed in real time). */
  readonly seconds: number;
}

export interface EmulatorFlow {
  readonly flowId: string;
  /** DataWORQ's flow name (`flowName`); jobs are named `<name>_<runProfile>`. */
  readonly name: string;
  /** Default `['default']`. */
  readonly runProfiles?: readonly string[];
  /** At least one. */
  readonly steps: readonly EmulatorStep[];
  readonly queuedSeconds?: number;
  readonly outcome: FlowOutcome;
  /** DataWORQ's `error` text when the outcome is ERROR. */
  readonly error?: string;
  /** Pads the final log to about this many bytes (multi-megabyte logs for size tests). */
  readonly logBytes?: number;
  /** When given, execute refuses (400) parameters with other names or types. */
  readonly parameters?: readonly { readonly name: string; readonly type: ParameterType }[];
}

export type CallKind = 'execute' | 'status' | 'list';
/** The two ways a call arrives, as the client names them. */
export type EmulatorTransport = TransportKind;

export interface EmulatorCall {
  readonly method: string;
  /** The HTTP path asked for: `/call/execute`, `/call/status` or a native `/api/v1/...` path. */
  readonly path: string;
  /** The native endpoint with query: the `endpoint` header (Cloud Connector) or the URL (native). */
  readonly endpoint: string | undefined;
  /** `other` for a request that names no DataWORQ operation. */
  readonly kind: CallKind | 'other';
  readonly transport: EmulatorTransport | undefined;
  readonly jobId?: string;
  readonly flowId?: string;
  /** The emulator clock (ms) when the call arrived. */
  readonly at: number;
  /** The HTTP status answered; undefined while the answer is pending. */
  readonly status: number | undefined;
}

/** How `filter=executionStatus` is answered: `{"executionStatus":"RUNNING"}`, `"RUNNING"` or `RUNNING`. */
export type StatusForm = 'object' | 'json-string' | 'text';

/** Which calls a fault applies to, and how often. */
export interface FaultScope {
  /** Default `any` (within the kinds the fault type can apply to). */
  readonly on?: CallKind | 'any';
  /** Only calls about this flow (execute bodies, status of its jobs); lists never match. */
  readonly flowId?: string;
  /** How many matching calls it affects. Default 1. */
  readonly times?: number;
}

export type Fault = FaultScope &
  (
    | { readonly type: 'http-status'; readonly status: 500 | 502 | 503 | 504 | 429; readonly body?: string }
    | { readonly type: 'gateway-html' }
    | { readonly type: 'delay'; readonly ms: number }
    | { readonly type: 'malformed-json' }
    | { readonly type: 'unknown-status'; readonly value: string }
    | { readonly type: 'vanish' }
    | { readonly type: 'execute-then-502' }
    | { readonly type: 'reject'; readonly status: 400; readonly body: string }
  );

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** The keys callers must send: apiKey (Cloud Connector only) and userApiKey (both transports). */
  readonly keys: ConnectorKeys;
  /** Default: the catalogue. */
  readonly flows?: readonly EmulatorFlow[];
  /** Time factor: 10 runs jobs ten times faster than real time. Default 1. */
  readonly speed?: number;
  /** Milliseconds since the epoch; inject one to step jobs through their lifecycle. */
  readonly clock?: () => number;
  readonly statusForm?: StatusForm;
  /** What an unknown job id gets: 400 (the seed's documented answer, default) or 404. */
  readonly unknownJobAnswer?: 400 | 404;
  /** No request log on stdout. */
  readonly quiet?: boolean;
}

export interface EmulatorHandle {
  /** `http://host:port`, no trailing slash: the baseUrl for either transport. */
  readonly url: string;
  readonly port: number;
  /** The keys callers must send (shown to the user, handed to `dwq jobs` by local mode). */
  readonly keys: ConnectorKeys;
  close(): Promise<void>;
  readonly calls: ReadonlyArray<EmulatorCall>;
  count(kind: CallKind): number;
  /** Every job as a status call would show it now, newest first. */
  jobs(): JobStatus[];
  inject(fault: Fault): void;
  clearFaults(): void;
  /** Adds a flow, or replaces the one with the same flowId. */
  addFlow(flow: EmulatorFlow): void;
  /** Forgets jobs, calls and faults; flows stay. */
  reset(): void;
}

/**
 * The DataWORQ contract as this project uses it. Shapes follow the Cloud Connector reference
 * (../shared/seed/cloud-connector-api-reference.txt); runtime validation lives in schemas.ts.
 */
import type * as z from 'zod/mini';
import type { FlowParameter } from './parameter-types.ts';
import type { jobStatusSchema } from './schemas.ts';

/** The statuses DataWORQ documents; any other string is kept as-is and treated as "not finished". */
export const KNOWN_EXECUTION_STATUSES = ['QUEUED', 'RUNNING', 'CANCELLED', 'ERROR', 'COMPLETED'] as const;
export type KnownExecutionStatus = (typeof KNOWN_EXECUTION_STATUSES)[number];
/** A status string as DataWORQ sent it: one of the known ones, or an unknown value kept verbatim. */
export type ExecutionStatus = KnownExecutionStatus | (string & {});

export const FINAL_EXECUTION_STATUSES: readonly ExecutionStatus[] = ['COMPLETED', 'ERROR', 'CANCELLED'];

/** The parameter types and their rules live in parameter-types.ts; re-exported for the contract's users. */
export type { FlowParameter, ParameterType, ParameterValue } from './parameter-types.ts';

export interface StartFlowRequest {
  readonly flowId: string;
  readonly runProfileName: string;
  readonly notificationEnabled: boolean;
  readonly parameters: readonly FlowParameter[];
}

/**
 * A whole JobStatus (seed: "JobStatus"), as schemas.ts validates it: nulls while running; epoch-ms
 * times; `\r\n` logs; unknown extra fields kept.
 */
export type JobStatus = Readonly<z.infer<typeof jobStatusSchema>> & { readonly executionStatus: ExecutionStatus };

export type JobListFilter = 'all' | 'active' | 'history';

export interface RequestOptions {
  /** Aborts the request (in addition to the client's own timeout). */
  readonly signal?: AbortSignal;
  /** Overrides the client's default timeout for this request. */
  readonly timeoutMs?: number;
}

/** The one interface both transports (Cloud Connector, native) implement. */
export interface DataworqClient {
  /** Starts a flow; resolves to DataWORQ's jobId. */
  startFlow(request: StartFlowRequest, options?: RequestOptions): Promise<string>;
  /** The cheap status call (`?filter=executionStatus`). */
  getExecutionStatus(jobId: string, options?: RequestOptions): Promise<ExecutionStatus>;
  /** The whole JobStatus, log included. */
  getJob(jobId: string, options?: RequestOptions): Promise<JobStatus>;
  /** Up to 100 jobs: all, running (`active`) or finished (`history`). */
  listJobs(filter?: JobListFilter, options?: RequestOptions): Promise<JobStatus[]>;
}

/** The two keys of the connector secret. */
export interface ConnectorKeys {
  readonly apiKey: string;
  readonly userApiKey: string;
}

import { SecretConfigurationError, ValidationError } from '../errors.ts';
import type { AnswerContext } from './answer-errors.ts';
import { errorForAnswer } from './answer-errors.ts';
import { KEPT_LOG_TAIL_BYTES, MAX_LISTED_JOBS } from './constants.ts';
import { dataworqEndpoints } from './endpoints.ts';
import { exchange } from './http-exchange.ts';
import type { LogPolicy } from './log-filter.ts';
import { validateParameters } from './parameter-types.ts';
import { parseExecutionStatusAnswer, parseJsonAnswer } from './parse-answer.ts';
import { jobExecutionResponseSchema, jobListSchema, jobStatusSchema } from './schemas.ts';
import type { DataworqCall, DataworqTransport } from './transport.ts';
import type {
  ConnectorKeys,
  DataworqClient,
  ExecutionStatus,
  JobListFilter,
  JobStatus,
  RequestOptions,
  StartFlowRequest,
} from './types.ts';

export type ConnectorKeysSource = ConnectorKeys | (() => Promise<ConnectorKeys>);

export interface HttpDataworqClientOptions {
  readonly transport: DataworqTransport;
  /** The keys, or a provider asked before every call so rotated keys take effect. */
  readonly keys: ConnectorKeysSource;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
}

const LIST_FILTERS: readonly JobListFilter[] = ['all', 'active', 'history'];

/** DataworqClient over HTTP; the transport decides how a call is packed (Cloud Connector or native). */
export class HttpDataworqClient implements DataworqClient {
  readonly #options: HttpDataworqClientOptions;

  constructor(options: HttpDataworqClientOptions) {
    this.#options = options;
  }

  async startFlow(request: StartFlowRequest, options?: RequestOptions): Promise<string> {
    assertStartFlowRequest(request);
    const { flowId, runProfileName, notificationEnabled } = request;
    const parameters = request.parameters.map(({ name, type, value }) => ({ name, type, value }));
    const body = { flowId, runProfileName, notificationEnabled, parameters };
    const call: DataworqCall = { method: 'POST', endpoint: dataworqEndpoints.execute(), body };
    const { text, context } = await this.#send(`startFlow(${flowId})`, call, options);
    return parseJsonAnswer(text, jobExecutionResponseSchema, context, 'JobExecutionResponse').jobId;
  }

  async getExecutionStatus(jobId: string, options?: RequestOptions): Promise<ExecutionStatus> {
    const call: DataworqCall = { method: 'GET', endpoint: dataworqEndpoints.job(jobId, 'executionStatus') };
    const { text, context } = await this.#send(`getExecutionStatus(${jobId})`, call, options);
    return parseExecutionStatusAnswer(text, context);
  }

  async getJob(jobId: string, options?: RequestOptions): Promise<JobStatus> {
    const call: DataworqCall = { method: 'GET', endpoint: dataworqEndpoints.job(jobId) };
    // Only the log's tail is ever shown; the rest is dropped while the answer is read.
    const { text, context } = await this.#send(`getJob(${jobId})`, call, options, { mode: 'tail', depth: 1, tailBytes: KEPT_LOG_TAIL_BYTES });
    return parseJsonAnswer(text, jobStatusSchema, context, 'JobStatus');
  }

  async listJobs(filter: JobListFilter = 'all', options?: RequestOptions): Promise<JobStatus[]> {
    if (!LIST_FILTERS.includes(filter)) {
      throw new ValidationError(`listJobs: filter must be one of ${LIST_FILTERS.join(', ')}, got ${JSON.stringify(filter)}`);
    }
    const call: DataworqCall = { method: 'GET', endpoint: dataworqEndpoints.jobs(filter) };
    // Each listed job carries its whole log (megabytes); nothing reads it from a list, so it is
    // dropped while the answer streams in, and the listed jobs come back with `log: null`.
    const { text, context } = await this.#send(`listJobs(${filter})`, call, options, { mode: 'drop', depth: 2 });
    // The seed promises at most 100; a longer answer is still usable, so it is cut, not refused.
    return parseJsonAnswer(text, jobListSchema, context, 'list of JobStatus').slice(0, MAX_LISTED_JOBS);
  }

  async #send(
    operation: string,
    call: DataworqCall,
    options?: RequestOptions,
    logs?: LogPolicy,
  ): Promise<{ text: string; context: AnswerContext }> {
    const { transport, fetch, timeoutMs } = this.#options;
    const keys = await this.#keys();
    const context: AnswerContext = { operation, secrets: [keys.apiKey, keys.userApiKey] };
    const answer = await exchange(transport.toRequest(call, keys), {
      fetch,
      operation,
      timeoutMs: options?.timeoutMs ?? timeoutMs,
      signal: options?.signal,
      logs,
    });
    const error = errorForAnswer(answer, context);
    if (error !== undefined) throw error;
    return { text: answer.text, context };
  }

  async #keys(): Promise<ConnectorKeys> {
    const { keys: source, transport } = this.#options;
    const keys = typeof source === 'function' ? await source() : source;
    for (const field of transport.requiredKeys) {
      if (typeof keys?.[field] !== 'string' || keys[field] === '') {
        throw new SecretConfigurationError(`connector keys: ${field} is missing or empty (needed by the ${transport.kind} transport)`);
      }
    }
    return keys;
  }
}

/**
 * A cheap structural guard: the edges (config, webhook body, CLI flags) checked the values, so a
 * wrong shape here is a bug in the caller. The parameter list gets the shared rules once more,
 * because a bad one would reach DataWORQ and might start a job with it.
 */
function assertStartFlowRequest(request: StartFlowRequest): void {
  const { flowId, runProfileName, notificationEnabled } = request ?? {};
  if (typeof flowId !== 'string' || typeof runProfileName !== 'string' || typeof notificationEnabled !== 'boolean') {
    throw new ValidationError('startFlow: the request needs flowId and runProfileName (text) and notificationEnabled (true or false)');
  }
  validateParameters(request.parameters);
}

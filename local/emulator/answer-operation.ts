import { setTimeout as sleep } from 'node:timers/promises';
import { answers } from './answers.ts';
import type { EmulatorAnswer } from './answers.ts';
import type { JobStore } from './job-store.ts';
import type { NativeOperation } from './native-endpoint.ts';
import type { Fault } from './types.ts';

const STATUS_TEXT: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
// Cut-off JSON, as when a proxy drops the connection mid-answer.
const TRUNCATED_JSON: Record<NativeOperation['kind'], string> = {
  execute: '{"jobId": "2956fdae-73f8',
  status: '{"id": "54d9d784-e574-4160-9f44-6fb95317fecb", "executionStatus": "RUNN',
  list: '[{"id": "54d9d784-e574-4160-9f44-6fb95317fecb", "jobType": ',
};

/** Runs one DataWORQ operation, playing the fault drawn for this call, if any. */
export async function answerOperation(
  store: JobStore,
  operation: NativeOperation,
  body: string,
  fault: Fault | undefined,
  signal: AbortSignal,
): Promise<EmulatorAnswer> {
  switch (fault?.type) {
    case 'http-status':
      return answers.text(fault.body ?? STATUS_TEXT[fault.status] ?? 'Error', fault.status);
    case 'gateway-html':
      return answers.gatewayHtml();
    case 'reject':
      return answers.text(fault.body, 400);
    case 'malformed-json':
      return { status: 200, contentType: 'application/json', body: TRUNCATED_JSON[operation.kind] };
    case 'delay':
      await sleep(fault.ms, undefined, { signal });
      return perform(store, operation, body);
    case 'vanish':
      if (operation.kind === 'status') store.find(operation.jobId)?.forget();
      return perform(store, operation, body);
    case 'unknown-status':
      return perform(store, operation, body, fault.value);
    case 'execute-then-502': {
      const answer = perform(store, operation, body);
      return answer.status === 200 ? answers.text('Bad Gateway', 502) : answer;
    }
    default:
      return perform(store, operation, body);
  }
}

function perform(store: JobStore, operation: NativeOperation, body: string, statusOverride?: string): EmulatorAnswer {
  if (operation.kind === 'execute') return store.execute(body);
  if (operation.kind === 'status') return store.status(operation.jobId, operation.filter, statusOverride);
  return store.list(operation.filter, statusOverride);
}

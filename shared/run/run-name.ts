/**
 * Run ids are Step Functions execution names, so they carry trigger idempotency (Step Functions
 * keeps a name unique for 90 days) and let GET /runs/{runId} find the flow without a lookup table.
 * Shape: `<flow>--<kind tag>-<24 hex>`, at most 80 characters of [A-Za-z0-9-_].
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../errors.ts';
import type { TriggerKind } from '../model.ts';

const KIND_TAGS: Readonly<Record<TriggerKind, string>> = { webhook: 'wh', manual: 'mn', schedule: 'sc', rerun: 'rr' };
const HASH_HEX_LENGTH = 24;
const MAX_NAME_LENGTH = 80;
/** 80 minus `--`, a two-letter tag, `-` and the hash. */
export const MAX_RUN_NAME_FLOW_LENGTH = MAX_NAME_LENGTH - 2 - 2 - 1 - HASH_HEX_LENGTH;

const FLOW_NAME = /^[A-Za-z0-9_-]+$/;
const RUN_NAME = /^([A-Za-z0-9_-]+)--(wh|mn|sc|rr)-([0-9a-f]{24})$/;

/**
 * The execution name for one trigger of a flow: the same (flow, kind, key) always gives the same
 * name, so a retried delivery or schedule cannot start a second run.
 * Throws ValidationError when the flow name cannot be carried in an execution name.
 */
export function runNameFor(flow: string, kind: TriggerKind, key: string): string {
  if (!FLOW_NAME.test(flow) || flow.length > MAX_RUN_NAME_FLOW_LENGTH) {
    throw new ValidationError(
      `flow name "${flow.slice(0, 100)}" cannot be used in a run id: use at most ${MAX_RUN_NAME_FLOW_LENGTH} characters of A-Z a-z 0-9 - _`,
    );
  }
  // The kind is hashed too, so a manual run keyed like a webhook delivery never collides with it.
  const hash = createHash('sha256').update(`${kind}\n${flow}\n${key}`).digest('hex').slice(0, HASH_HEX_LENGTH);
  return `${flow}--${KIND_TAGS[kind]}-${hash}`;
}

/** The flow a run id belongs to, or undefined when the id is not one of ours. */
export function flowFromRunName(runId: string): string | undefined {
  if (runId.length > MAX_NAME_LENGTH) return undefined;
  // Greedy: a flow name may itself contain `--`; the tag and hash never do.
  return RUN_NAME.exec(runId)?.[1];
}

import { ValidationError } from '../../shared/errors.ts';
import type { CallKind, Fault } from './types.ts';

// The kinds of call each fault type can act on; `on: 'any'` means any of these.
const APPLIES_TO: Record<Fault['type'], readonly CallKind[]> = {
  'http-status': ['execute', 'status', 'list'],
  'gateway-html': ['execute', 'status', 'list'],
  delay: ['execute', 'status', 'list'],
  'malformed-json': ['execute', 'status', 'list'],
  reject: ['execute', 'status', 'list'],
  'unknown-status': ['status', 'list'],
  vanish: ['status'],
  'execute-then-502': ['execute'],
};
const HTTP_STATUSES = [429, 500, 502, 503, 504];

interface Entry {
  readonly fault: Fault;
  remaining: number;
}

/** Injected faults, each waiting for its next matching calls; the oldest matching fault plays first. */
export class FaultBook {
  #entries: Entry[] = [];

  inject(fault: Fault): void {
    assertFault(fault);
    this.#entries.push({ fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.#entries = [];
  }

  /** The fault to play on this call, if any, counting it as used. */
  take(kind: CallKind, flowId: string | undefined): Fault | undefined {
    const entry = this.#entries.find(({ fault }) => matches(fault, kind, flowId));
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#entries = this.#entries.filter((other) => other !== entry);
    return entry.fault;
  }
}

function matches(fault: Fault, kind: CallKind, flowId: string | undefined): boolean {
  if (!APPLIES_TO[fault.type].includes(kind)) return false;
  if (fault.on !== undefined && fault.on !== 'any' && fault.on !== kind) return false;
  return fault.flowId === undefined || fault.flowId === flowId;
}

function assertFault(fault: Fault): void {
  if (!(fault?.type in APPLIES_TO)) throw new ValidationError(`emulator fault: unknown type ${JSON.stringify(fault?.type)}`);
  const times = fault.times ?? 1;
  if (!Number.isSafeInteger(times) || times < 1) throw new ValidationError('emulator fault: times must be a whole number ≥ 1');
  if (fault.on !== undefined && fault.on !== 'any' && !APPLIES_TO[fault.type].includes(fault.on)) {
    throw new ValidationError(`emulator fault: ${fault.type} cannot apply to ${fault.on} calls`);
  }
  if (fault.type === 'http-status' && !HTTP_STATUSES.includes(fault.status)) {
    throw new ValidationError(`emulator fault: http-status must be one of ${HTTP_STATUSES.join(', ')}`);
  }
  if (fault.type === 'delay' && !(Number.isFinite(fault.ms) && fault.ms >= 0)) {
    throw new ValidationError('emulator fault: delay ms must be a number ≥ 0');
  }
}

/**
 * What the operator commands (dwq runs, show, trigger, rerun, pause, resume) work through: the
 * run ledger and a run launcher. The same two ports in local mode (the dynalite ledger of a
 * running `dwq start`, its executor over a local endpoint) and against a deployed stack (the
 * state table, Step Functions): one set of operations, two wirings.
 */
import type { Clock } from '../clock.ts';
import type { DwqConfig } from '../config/schema.ts';
import type { RunLedger } from '../ledger/run-ledger.ts';
import type { RunLauncher } from '../model.ts';

export interface OperatorDeps {
  readonly ledger: RunLedger;
  readonly launcher: RunLauncher;
  /** The flows config: trigger and re-run resolve flows from it, as the webhook does. */
  readonly config: DwqConfig;
  readonly clock: Clock;
}

/**
 * The Task states of the RunFlow definition, mapped to the real Lambda handlers built with local
 * ports: the same code as in AWS, with DataWORQ, the alert publisher and the clock wired in-process.
 */
import { createCheckHandler } from '../../functions/check/handler.ts';
import { createNotifyHandler } from '../../functions/notify/handler.ts';
import { createSubmitHandler } from '../../functions/submit/handler.ts';
import type { AlertMemory } from '../../shared/alerts/alert-memory.ts';
import type { AlertPublisher } from '../../shared/alerts/publisher.ts';
import type { DataworqClient } from '../../shared/dataworq/types.ts';
import type { Log } from '../../shared/log.ts';
import type { RunJournal } from '../../shared/run/run-journal.ts';
import { RUN_FLOW_STATES } from '../../shared/run/states.ts';
import type { ClaimTrigger } from '../../shared/run/trigger-claims.ts';
import type { SubscriberFilter } from '../../shared/ledger/engine-records.ts';
import type { RunLedger } from '../../shared/ledger/run-ledger.ts';
import { localLambdaContext } from './lambda-context.ts';
import type { IncidentStore } from '../../shared/incidents/connector-incident.ts';
import type { MaintenanceStore } from '../../shared/maintenance/maintenance-store.ts';
import type { TaskHandler } from './local-executor.ts';
import type { ScaledClock } from './scaled-clock.ts';

export interface LocalTaskPorts {
  readonly dataworq: DataworqClient;
  readonly publisher: AlertPublisher;
  readonly clock: ScaledClock;
  readonly log: Log;
  /** The run state table's uses, as in AWS; absent = no alert memory, trigger claims or run journal. */
  readonly memory?: AlertMemory;
  readonly claimTrigger?: ClaimTrigger;
  readonly journal?: RunJournal;
  /** The run ledger (records and pause flags), as in AWS; `subscribers` name whose filters each alert matched. */
  readonly ledger?: RunLedger;
  readonly subscribers?: readonly SubscriberFilter[];
  /** The connector incident and maintenance stores on the state table, as in AWS. */
  readonly incidents?: IncidentStore;
  readonly maintenance?: MaintenanceStore;
}

/** The handlers never read the environment when every port is given, so it stays empty. */
const NO_ENV: Readonly<Record<string, string | undefined>> = {};

export function createLocalTasks(ports: LocalTaskPorts): Record<string, TaskHandler> {
  const { dataworq, publisher, clock, log, memory, claimTrigger, journal, ledger, subscribers } = ports;
  const withLedger = { ...(ledger ? { ledger } : {}), ...(ports.incidents ? { incidents: ports.incidents } : {}) };
  const withQuiet = ports.maintenance ? { maintenance: ports.maintenance } : {};
  const asTask = (name: string, handler: (event: never, context: ReturnType<typeof localLambdaContext>) => Promise<unknown>): TaskHandler =>
    (input) => handler(input as never, localLambdaContext(name));
  return {
    [RUN_FLOW_STATES.submit]: asTask('submit', createSubmitHandler(NO_ENV, { dataworq, clock, sleep: clock.sleep, log, ...(claimTrigger ? { claimTrigger } : {}), ...(journal ? { journal } : {}), publisher, ...withLedger })),
    [RUN_FLOW_STATES.check]: asTask('check', createCheckHandler(NO_ENV, { dataworq, clock, sleep: clock.sleep, log, publisher, ...withLedger })),
    [RUN_FLOW_STATES.notify]: asTask('notify', createNotifyHandler(NO_ENV, { publisher, clock, log, ...(memory ? { memory } : {}), ...withLedger, ...withQuiet, ...(subscribers ? { subscribers } : {}) })),
  };
}

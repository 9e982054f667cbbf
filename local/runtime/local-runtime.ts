/**
 * What every local run needs, wired once: DataWORQ (emulator or real connector), the outbox
 * publisher, the run state table, and the executor running the synthesized definition with the real handlers.
 * `dwq start` adds the webhook and the schedules on top; `dwq run` uses it as is.
 */
import { stepText } from '../../shared/alerts/alert-facts.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { Log } from '../../shared/log.ts';
import { DynamoAlertMemory } from '../../shared/aws/dynamodb/alert-memory.ts';
import { createRunJournal } from '../../shared/aws/dynamodb/run-journal.ts';
import { createTriggerClaims } from '../../shared/aws/dynamodb/trigger-claims.ts';
import { createDynamoRunLedger } from '../../shared/aws/dynamodb/run-ledger.ts';
import { createIncidentStore } from '../../shared/aws/dynamodb/incidents.ts';
import { createMaintenanceStore } from '../../shared/aws/dynamodb/maintenance.ts';
import type { RunLedger } from '../../shared/ledger/run-ledger.ts';
import type { StateTableRef } from '../../shared/aws/dynamodb/state-table.ts';
import { subscriberFilters } from '../../shared/ledger/subscriber-filters.ts';
import type { EmulatorFlow } from '../emulator/types.ts';
import { startLocalDynamo } from '../state/dynamodb-server.ts';
import { cachedRunFlowDefinition } from './definition-cache.ts';
import type { AslDefinition } from './definition.ts';
import { connectDataworq, type DataworqConnection, type Env } from './dataworq-connection.ts';
import { LocalExecutor, type LocalExecutorOptions } from './local-executor.ts';
import { createLocalTasks } from './local-tasks.ts';
import { OutboxAlertPublisher } from './outbox-publisher.ts';
import type { ScaledClock } from './scaled-clock.ts';

/** The executor's callbacks are handed to it as they are. */
export interface LocalRuntimeOptions extends Pick<LocalExecutorOptions, 'onProgress' | 'onEnd'> {
  readonly config: DwqConfig;
  readonly env: Env;
  readonly clock: ScaledClock;
  readonly outboxPath: string;
  /** Where alerts are printed. */
  readonly print: (text: string) => void;
  /** The run steps' log. */
  readonly log: Log;
  readonly emulatorFlows?: readonly EmulatorFlow[];
  /** Default: synthesized from the config (cached). */
  readonly definition?: AslDefinition;
}

export interface LocalRuntime {
  readonly connection: DataworqConnection;
  readonly executor: LocalExecutor;
  readonly publisher: OutboxAlertPublisher;
  /** The run ledger on the local state table: every run's record, and the pause flags. */
  readonly ledger: RunLedger;
  /** Where the state table is served (dynalite on 127.0.0.1): `dwq start` tells other processes (runtime.json). */
  readonly stateTable: { readonly endpoint: string; readonly tableName: string };
  /** The local state table (the watchdog's memory and the trigger claims live there too). */
  readonly table: StateTableRef;
  /** Aborts every run, then closes DataWORQ (the emulator, when local mode started it). */
  close(): Promise<void>;
}

export async function createLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const definition = options.definition ?? (await cachedRunFlowDefinition(options.config));
  const connection = await connectDataworq(options);
  // The run state table on an in-memory DynamoDB: alert memory (recoveries, no alert storms) and
  // schedule claims and the run journal behave as in AWS, and a new session starts with a clean slate.
  const dynamo = await startLocalDynamo().catch(async (error: unknown) => {
    await connection.close();
    throw error;
  });
  const table = { client: dynamo.client, tableName: await dynamo.createStateTable() };
  const ledger = createDynamoRunLedger(table, { keepForSeconds: options.config.runs.keepForSeconds });
  const publisher = new OutboxAlertPublisher({ path: options.outboxPath, subscribers: options.config.subscribers, clock: options.clock, print: options.print, env: options.env });
  const executor = new LocalExecutor({
    definition,
    tasks: createLocalTasks({
      dataworq: connection.client,
      publisher,
      clock: options.clock,
      log: options.log,
      memory: new DynamoAlertMemory({ table, clock: options.clock }),
      claimTrigger: createTriggerClaims(table, { clock: options.clock }),
      journal: createRunJournal(table),
      ledger,
      subscribers: subscriberFilters(options.config.subscribers),
      incidents: createIncidentStore(table),
      maintenance: createMaintenanceStore(table),
    }),
    clock: options.clock,
    timeScale: options.clock.speed,
    ...(options.clock.speed === 1 ? {} : { retryMs: 2000 / options.clock.speed }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onEnd ? { onEnd: options.onEnd } : {}),
  });
  return {
    connection,
    executor,
    publisher,
    ledger,
    stateTable: { endpoint: dynamo.endpoint, tableName: table.tableName },
    table,
    async close() {
      executor.abortAll();
      // Aborted runs settle at once; an alert already being appended finishes its line first.
      await Promise.allSettled(executor.list().map((run) => run.done));
      await publisher.idle();
      await Promise.all([connection.close(), dynamo.close()]);
    },
  };
}

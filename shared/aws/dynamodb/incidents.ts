/**
 * The connector incident (shared/incidents/connector-incident.ts) in the run state table: one
 * item `incident#connector`. Opening is a put conditional on no open incident; joining appends
 * to the open one; closing is an update conditional on it still being open with the same id, so
 * among concurrent runs one opens it and one closes it.
 */
import type { AffectedRun, ConnectorIncident, IncidentStore } from '../../incidents/connector-incident.ts';
import { INCIDENTS } from '../../incidents/connector-incident.ts';
import { isConditionFailure, updateItem } from './item-update.ts';
import { loadDynamoSdk, STATE_TABLE, stateTableFromEnv, type StateTableRef } from './state-table.ts';
import type { Env } from '../lambda-env.ts';
import type { Item } from './run-item.ts';

export const INCIDENT_KEY = 'incident#connector';
/** A closed incident stays readable this long, then TTL removes it. */
const CLOSED_KEPT_SECONDS = 30 * 86_400;

const key: Item = { [STATE_TABLE.partitionKey]: { S: INCIDENT_KEY } };

function incidentFromItem(item: Item | undefined): (ConnectorIncident & { readonly state: string }) | undefined {
  const id = item?.['id']?.S;
  const since = item?.['since']?.S;
  if (!item || id === undefined || since === undefined) return undefined;
  return {
    id,
    since,
    state: item['state']?.S ?? 'open',
    reason: item['reason']?.S ?? '',
    flow: item['flow']?.S ?? '',
    affected: (item['affected']?.L ?? []).flatMap((entry) => (entry.S === undefined ? [] : [JSON.parse(entry.S) as AffectedRun])),
    ...(item['closedAt']?.S !== undefined && { closedAt: item['closedAt'].S }),
  };
}

export function createIncidentStore(table: StateTableRef): IncidentStore {
  const read = async (consistent: boolean) => {
    const { GetItemCommand } = await loadDynamoSdk();
    const answer = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key, ConsistentRead: consistent }));
    return incidentFromItem(answer.Item);
  };
  const open = async (run: AffectedRun, reason: string): Promise<ConnectorIncident | undefined> => {
    const { PutItemCommand } = await loadDynamoSdk();
    const incident: ConnectorIncident = { id: `connector-${run.at}`, since: run.at, reason, flow: run.flow, affected: [run] };
    try {
      await table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: {
            ...key,
            id: { S: incident.id },
            state: { S: 'open' },
            since: { S: incident.since },
            reason: { S: reason },
            flow: { S: run.flow },
            affected: { L: [{ S: JSON.stringify(run) }] },
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR #state = :closed',
          ExpressionAttributeNames: { '#pk': STATE_TABLE.partitionKey, '#state': 'state' },
          ExpressionAttributeValues: { ':closed': { S: 'closed' } },
        }),
      );
      return incident;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  };
  const join = async (run: AffectedRun): Promise<ConnectorIncident | undefined> => {
    const joined = await updateItem(table, {
      key,
      // A full list keeps its first runs; the count in the alert is then a lower bound.
      update: 'SET #affected = list_append(#affected, :run)',
      condition: '#state = :open AND size(#affected) < :max',
      names: { '#state': 'state', '#affected': 'affected' },
      values: { ':open': { S: 'open' }, ':run': { L: [{ S: JSON.stringify(run) }] }, ':max': { N: String(INCIDENTS.maxAffectedRuns) } },
      returnNew: true,
    });
    if (joined) return incidentFromItem(joined);
    const current = await read(true);
    return current?.state === 'open' ? current : undefined;
  };
  return {
    async openOrJoin(run, reason) {
      // Two rounds: an incident that closes between our put and our append is opened anew.
      for (let round = 0; round < 2; round++) {
        const opened = await open(run, reason);
        if (opened) return { incident: opened, opened: true };
        const joined = await join(run);
        if (joined) return { incident: joined, opened: false };
      }
      throw new Error('the connector incident kept opening and closing; giving up on it for this run');
    },
    async close(at) {
      // A cheap read first: a healthy connector costs one read per call, no write.
      const current = await read(false);
      if (current === undefined || current.state !== 'open') return undefined;
      const closed = await updateItem(table, {
        key,
        update: 'SET #state = :closed, #closedAt = :at, #ttl = :ttl',
        condition: '#state = :open AND #id = :id',
        names: { '#state': 'state', '#closedAt': 'closedAt', '#id': 'id', '#ttl': STATE_TABLE.ttlAttribute },
        values: {
          ':closed': { S: 'closed' },
          ':open': { S: 'open' },
          ':id': { S: current.id },
          ':at': { S: at.toISOString() },
          ':ttl': { N: String(Math.floor(at.getTime() / 1000) + CLOSED_KEPT_SECONDS) },
        },
        returnNew: true,
      });
      return closed && incidentFromItem(closed);
    },
  };
}

/** The store on the table named in the environment; undefined without one (no incidents: every run alerts). */
export function incidentsFromEnv(env: Env): IncidentStore | undefined {
  const table = stateTableFromEnv(env);
  return table ? createIncidentStore(table) : undefined;
}

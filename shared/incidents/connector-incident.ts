/**
 * One incident for one cause (docs/alerts.md): when DataWORQ itself is unreachable or refuses our
 * keys, every flow fails at once. The first run that fails so opens one CONNECTOR_DOWN incident
 * (one alert); later ones join it and alert no one; the first call that succeeds again (a Submit
 * or a Check) closes it with one CONNECTOR_RECOVERED alert saying how long it lasted and which
 * runs it hit. The store (shared/aws/dynamodb/incidents.ts) makes opening and closing conditional,
 * so concurrent runs open one incident and close it once.
 */
import type { AlertPublisher } from '../alerts/publisher.ts';
import {
  AmbiguousStartError,
  DataworqRejectedError,
  DataworqUnavailableError,
  SecretConfigurationError,
} from '../errors.ts';
import { describeError, type Log } from '../log.ts';
import type { IncidentAlertKind } from './incident-alert.ts';

/**
 * The alert's text, and the alert rendering under it, is loaded when an incident opens or closes:
 * Submit and Check call connectorAnswered on every run, and an outage is rare (docs/bench.md, P3).
 */
async function incidentAlertOf(incident: ConnectorIncident, kind: IncidentAlertKind) {
  const { incidentAlert } = await import('./incident-alert.ts');
  return incidentAlert(incident, kind);
}

/** A run the incident affected. */
export interface AffectedRun {
  readonly runId: string;
  readonly flow: string;
  readonly outcome: string;
  /** ISO 8601: when the run ended. */
  readonly at: string;
}

export interface ConnectorIncident {
  /** `connector-<since>`: names the incident in suppressed runs' records. */
  readonly id: string;
  /** ISO 8601: when the first affected run ended. */
  readonly since: string;
  /** The first affected run's reason (DataWORQ's or our words; never a key). */
  readonly reason: string;
  /** The flow of the first affected run: the alerts' `flow` attribute. */
  readonly flow: string;
  /** In order, at most INCIDENTS.maxAffectedRuns. */
  readonly affected: readonly AffectedRun[];
  readonly closedAt?: string;
}

export const INCIDENTS = {
  /** The record keeps this many affected runs; the alert says how many more there were. */
  maxAffectedRuns: 50,
} as const;

/** The incident store port. */
export interface IncidentStore {
  /** Opens the incident with this run, or appends the run to the open one; `opened` only for the call that opened it. */
  openOrJoin(run: AffectedRun, reason: string): Promise<{ readonly incident: ConnectorIncident; readonly opened: boolean }>;
  /** Closes the open incident, if any, at `at`: returns it only to the one call that closed it. */
  close(at: Date): Promise<ConnectorIncident | undefined>;
}

/**
 * A failure that says nothing about the flow and everything about the connector: DataWORQ (or the
 * gateway in front of it) unreachable after the client's retries, our keys refused (401, 403) or
 * missing. A 400 is not one: DataWORQ answers a flow's bad parameters with 400 too.
 */
export function isConnectorFailure(error: unknown): boolean {
  if (error instanceof AmbiguousStartError) return isConnectorFailure(error.cause);
  if (error instanceof DataworqRejectedError) return error.status === 401 || error.status === 403;
  return error instanceof DataworqUnavailableError || error instanceof SecretConfigurationError;
}

export interface IncidentDeps {
  readonly incidents?: IncidentStore;
  /** Absent where the step cannot publish: then the recovery is logged, not alerted. */
  readonly publisher?: AlertPublisher;
  readonly log: Log;
}

/**
 * A call to DataWORQ succeeded (Submit, Check): closes the open incident, if any, with its one
 * CONNECTOR_RECOVERED alert. Best effort: the run goes on whatever the store or SNS answer.
 */
export async function connectorAnswered(deps: IncidentDeps, at: Date): Promise<void> {
  if (!deps.incidents) return;
  try {
    const closed = await deps.incidents.close(at);
    if (!closed) return;
    deps.log.info('connector incident closed: DataWORQ answers again', { incident: closed.id, since: closed.since, affected: closed.affected.length });
    if (deps.publisher) await deps.publisher.publish(await incidentAlertOf(closed, 'CONNECTOR_RECOVERED'));
    else deps.log.warn('connector incident closed, but this step cannot publish; no CONNECTOR_RECOVERED alert', { incident: closed.id });
  } catch (error) {
    deps.log.warn('could not close the connector incident or send its recovery alert', { error: describeError(error) });
  }
}

/**
 * A run failed because of the connector (Notify): opens the incident with one CONNECTOR_DOWN
 * alert, or joins the open one. Returns the incident's id, the reason the run's own alert is
 * suppressed; undefined when the store could not be reached (then the run alerts as before).
 * A failed CONNECTOR_DOWN publish is thrown, so Notify's retry sends it.
 */
export async function connectorFailed(deps: IncidentDeps, run: AffectedRun, reason: string): Promise<string | undefined> {
  if (!deps.incidents) return undefined;
  let joined: Awaited<ReturnType<IncidentStore['openOrJoin']>>;
  try {
    joined = await deps.incidents.openOrJoin(run, reason);
  } catch (error) {
    deps.log.warn('connector incident store unavailable; alerting this run on its own', { error: describeError(error) });
    return undefined;
  }
  const { incident, opened } = joined;
  if (opened && deps.publisher) await deps.publisher.publish(await incidentAlertOf(incident, 'CONNECTOR_DOWN'));
  deps.log.info(opened ? 'connector incident opened' : 'run joined the open connector incident', { incident: incident.id });
  return `connector incident ${incident.id}`;
}

/** The connector incident's two alerts: CONNECTOR_DOWN when it opens, CONNECTOR_RECOVERED when it closes. */
import { noticeAlert } from '../alerts/notice-alert.ts';
import type { AlertMessage } from '../alerts/alert-message.ts';
import { formatClock, formatDuration, formatUtc, plural } from '../alerts/time-text.ts';
import type { ConnectorIncident } from './connector-incident.ts';

export type IncidentAlertKind = 'CONNECTOR_DOWN' | 'CONNECTOR_RECOVERED';

export function incidentAlert(incident: ConnectorIncident, outcome: IncidentAlertKind): AlertMessage {
  const since = new Date(incident.since);
  if (outcome === 'CONNECTOR_DOWN') {
    return noticeAlert({
      outcome,
      severity: 'critical',
      flow: incident.flow,
      title: 'DataWORQ unreachable for every flow',
      lines: [
        `DataWORQ is unreachable or refuses our keys, since ${formatUtc(since)} (incident ${incident.id}).`,
        `First seen by run ${incident.affected[0]?.runId ?? "unknown"} of ${incident.flow}: ${incident.reason}`,
        'Runs that fail because of it are recorded (dwq runs) but alert no one; one CONNECTOR_RECOVERED follows when a call succeeds again.',
        'Check the connector keys (the connector secret), the Cloud Connector URL and DataWORQ itself.',
      ],
      sms: `connector DOWN ${formatClock(since)}: ${incident.reason}`,
    });
  }
  const closedAt = new Date(incident.closedAt ?? incident.since);
  const downFor = formatDuration(closedAt.getTime() - since.getTime());
  const runs = incident.affected.map((run) => `  ${run.flow} run ${run.runId}: ${run.outcome} at ${formatUtc(new Date(run.at))}`);
  return noticeAlert({
    outcome,
    severity: 'info',
    flow: incident.flow,
    title: `DataWORQ answers again after ${downFor}`,
    lines: [
      `DataWORQ answers again at ${formatUtc(closedAt)}, after ${downFor} down (incident ${incident.id}, since ${formatUtc(since)}).`,
      `${plural(incident.affected.length, 'run')} failed because of it and alerted no one; re-run them with dwq run or POST /runs/{runId}/rerun:`,
      ...runs,
    ],
    sms: `connector RECOVERED ${formatClock(closedAt)} after ${downFor} down, ${plural(incident.affected.length, 'run')} affected`,
  });
}

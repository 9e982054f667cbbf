/**
 * One alert, ready for any transport: SNS in AWS (one body per protocol, attributes for the
 * subscriptions' filter policies), the console and the outbox in local mode.
 */
import { OUTCOMES } from '../model.ts';
import type { ChannelKey } from './channels/index.ts';

export type AlertSeverity = 'info' | 'warning' | 'critical';

/**
 * What the watchdog reports (docs/watchdog.md): a fire that started no run, a run still going
 * past its expected time, a run that completed suspiciously fast. Not run outcomes: a LATE run
 * still ends with one of OUTCOMES later.
 */
export const WATCH_OUTCOMES = ['MISSED', 'LATE', 'SUSPICIOUS'] as const;
export type WatchOutcome = (typeof WATCH_OUTCOMES)[number];

/** The connector incident's two alerts (shared/incidents): one when DataWORQ goes down for every flow, one when it answers again. */
export const INCIDENT_OUTCOMES = ['CONNECTOR_DOWN', 'CONNECTOR_RECOVERED'] as const;

/** Every value the `outcome` attribute can take: the run outcomes, RECOVERED (alert memory), the watchdog's and the incident's. */
export const ALERT_OUTCOMES = [...OUTCOMES, 'RECOVERED', ...WATCH_OUTCOMES, ...INCIDENT_OUTCOMES] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];

/**
 * The `alert` attribute: who an alert is for (docs/alert-memory.md). `new` goes to everyone whose
 * outcomes match (first failure, recovery, every non-failure); `reminder` is a repeated failure
 * the policy announces again; `repeat` is a failure the policy keeps quiet, published only for
 * subscribers who opted into every failure.
 */
export const ALERT_KINDS = [
  'new',
  'reminder',
  'repeat',
  // An attempt that is retried (the flow's `retry:`): only for subscribers with `attempts: every`.
  'retry',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertMessage {
  /** Email subject: ASCII, under 100 characters, one line (SNS refuses anything else). */
  subject: string;
  /** The `MessageStructure: 'json'` bodies: one per channel; `default` serves every protocol without its own key. */
  bodies: AlertBodies;
  /** Published as SNS message attributes, so filter policies can select on them. */
  attributes: { outcome: string; flow: string; severity: AlertSeverity; alert?: AlertKind };
}

export type AlertBodies = { default: string } & Record<ChannelKey, string>;

/**
 * An alert about something other than a run's end (the watchdog's MISSED, LATE, SUSPICIOUS):
 * it replaces the outcome, the one-sentence summary, the time and the severity every channel
 * renders, so each channel shows it without code of its own.
 */
export interface AlertEvent {
  readonly outcome: string;
  readonly summary: string;
  /** ISO 8601: when it happened (the missed fire, the moment the run became late). */
  readonly at: string;
  readonly severity: AlertSeverity;
}

/** What the alert memory knows about earlier runs of the same flow. */
export interface AlertContext {
  /** This run continues a run of failures: `failures` in a row (this one included) since `since`. */
  readonly streak?: { readonly failures: number; readonly since: string };
  /** This run ends a run of `failures` failures that began at `downSince`. */
  readonly recovered?: { readonly failures: number; readonly downSince: string };
  /** Sets the `alert` attribute; Notify always gives one, so filter policies on it can match. */
  readonly kind?: AlertKind;
  /** Set for the watchdog's alerts: what they are about, instead of the run's outcome. */
  readonly event?: AlertEvent;
  /** Where to look at the run (the Step Functions execution in the console). */
  readonly consoleUrl?: string;
  /** The run's attempts (flows with `retry:`): `made` so far, this one included; `retrying` when another follows. */
  readonly attempts?: { readonly made: number; readonly retrying: boolean };
}

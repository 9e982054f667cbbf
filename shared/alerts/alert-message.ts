/**
 * One alert, ready for any transport: SNS in AWS (one body per protocol, attributes for the
 * subscriptions' filter policies), the console and the outbox in local mode.
 */
import { OUTCOMES } from '../model.ts';
import type { ChannelKey } from './channels/index.ts';

export type AlertSeverity = 'info' | 'warning' | 'critical';

/** The connector incident's two alerts (shared/incidents): one when DataWORQ goes down for every flow, one when it answers again. */
export const INCIDENT_OUTCOMES = ['CONNECTOR_DOWN', 'CONNECTOR_RECOVERED'] as const;

/** Every value the `outcome` attribute can take: the run outcomes plus RECOVERED (alert memory). */
export const ALERT_OUTCOMES = [
  ...OUTCOMES,
  'RECOVERED',
  ...INCIDENT_OUTCOMES,
] as const;
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

/** What the alert memory knows about earlier runs of the same flow. */
export interface AlertContext {
  /** This run continues a run of failures: `failures` in a row (this one included) since `since`. */
  readonly streak?: { readonly failures: number; readonly since: string } | undefined;
  /** This run ends a run of `failures` failures that began at `downSince`. */
  readonly recovered?: { readonly failures: number; readonly downSince: string } | undefined;
  /** Sets the `alert` attribute; Notify always gives one, so filter policies on it can match. */
  readonly kind?: AlertKind | undefined;
  /** Where to look at the run (the Step Functions execution in the console). */
  readonly consoleUrl?: string | undefined;
  /** The run's attempts (flows with `retry:`): `made` so far, this one included; `retrying` when another follows. */
  readonly attempts?: { readonly made: number; readonly retrying: boolean } | undefined;
}

/**
 * One alert, ready for any transport: SNS in AWS (one body per protocol, attributes for the
 * subscriptions' filter policies), the console and the outbox in local mode.
 */
import { OUTCOMES } from '../run/model.ts';

export type AlertSeverity = 'info' | 'warning' | 'critical';

/** Every value the `outcome` attribute can take: the run outcomes plus RECOVERED (alert memory). */
export const ALERT_OUTCOMES = [...OUTCOMES, 'RECOVERED'] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];

export interface AlertMessage {
  /** Email subject: ASCII, under 100 characters, one line (SNS refuses anything else). */
  subject: string;
  /** The `MessageStructure: 'json'` bodies; `default` serves every protocol without its own key. */
  bodies: { default: string; email: string; sms: string };
  /** Published as SNS message attributes, so filter policies can select on them. */
  attributes: { outcome: string; flow: string; severity: AlertSeverity };
}

/** What the alert memory knows about earlier runs of the same flow. */
export interface AlertContext {
  /** This run continues a run of failures: `failures` in a row (this one included) since `since`. */
  readonly streak?: { readonly failures: number; readonly since: string } | undefined;
  /** This run ends a run of `failures` failures that began at `downSince`. */
  readonly recovered?: { readonly failures: number; readonly downSince: string } | undefined;
  /** Where to look at the run (the Step Functions execution in the console). */
  readonly consoleUrl?: string | undefined;
}

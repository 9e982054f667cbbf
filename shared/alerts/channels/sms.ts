/** SMS: one GSM-7 line of at most 160 characters, to an E.164 number; SNS delivers it. */
import { FAILURE_OUTCOMES } from '../../model.ts';
import { alertSms } from '../short-texts.ts';
import type { AlertChannel } from './channel.ts';

const E164_PATTERN = /^\+[1-9][0-9]{1,14}$/;

export const smsChannel: AlertChannel<'sms'> = {
  key: 'sms',
  article: 'an',
  endpointJsonSchema: { pattern: E164_PATTERN.source },
  endpointProblem: (value) => {
    if (typeof value === 'number') return 'must be quoted: YAML read the phone number as a number; write it as "+15555550100"';
    return typeof value === 'string' && E164_PATTERN.test(value)
      ? undefined
      : 'must be an E.164 phone number: + then country code and number, digits only, e.g. "+15555550100"';
  },
  defaults: {
    // SMS wakes people up: failures, the all-clear, a run that never started, and DataWORQ down for
    // every flow (one text when it goes, one when it is back). LATE and SUSPICIOUS can wait for the email.
    outcomes: [...FAILURE_OUTCOMES, 'RECOVERED', 'MISSED', 'CONNECTOR_DOWN', 'CONNECTOR_RECOVERED'],
    outcomesText: 'failures, RECOVERED, MISSED, CONNECTOR_DOWN and CONNECTOR_RECOVERED',
    failures: 'first',
    alarms: false,
  },
  render: ({ facts }) => alertSms(facts),
  aws: (endpoint) => ({ kind: 'sns-subscription', protocol: 'sms', endpoint }),
  local: { label: 'SMS', layout: 'line' },
};

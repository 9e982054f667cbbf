/** SMS: one GSM-7 line of at most 160 characters, to an E.164 number; SNS delivers it. */
import { phoneSchema } from '../../config/fields.ts';
import { FAILURE_OUTCOMES } from '../../model.ts';
import { alertSms } from '../short-texts.ts';
import type { AlertChannel } from './channel.ts';

export const smsChannel: AlertChannel<'sms'> = {
  key: 'sms',
  article: 'an',
  endpointSchema: phoneSchema,
  defaults: {
    // SMS wakes people up: failures, and the all-clear; only when an outage starts and ends.
    outcomes: [...FAILURE_OUTCOMES, 'RECOVERED'],
    outcomesText: 'failures and RECOVERED',
    failures: 'first',
    alarms: false,
  },
  render: ({ facts }) => alertSms(facts),
  aws: (endpoint) => ({ kind: 'sns-subscription', protocol: 'sms', endpoint }),
  local: { label: 'SMS', layout: 'line' },
};

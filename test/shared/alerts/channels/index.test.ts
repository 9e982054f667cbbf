import { describe, expect, it } from 'vitest';
import { alertFacts } from '../../../../shared/alerts/alert-facts.ts';
import { emailChannel } from '../../../../shared/alerts/channels/email.ts';
import { ALERT_CHANNELS, CHANNEL_KEYS, channelOf, renderChannelBodies } from '../../../../shared/alerts/channels/index.ts';
import { smsChannel } from '../../../../shared/alerts/channels/sms.ts';
import { formatAlert } from '../../../../shared/alerts/format-alert.ts';
import { erroredInput } from '../notify-inputs.ts';

describe('Table: ALERT_CHANNELS', () => {
  it('lists email then sms, each under its own key', () => {
    // Act
    const keys = ALERT_CHANNELS.map((channel) => channel.key);

    // Assess
    expect(keys).toEqual(['email', 'sms', 'slack', 'teams', 'webhook']);
    expect(CHANNEL_KEYS).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    { channel: emailChannel, endpoint: 'ops@example.com', protocol: 'email' },
    { channel: smsChannel, endpoint: '+15555550100', protocol: 'sms' },
  ])('finds the $protocol channel a subscriber names, delivered by an SNS $protocol subscription to the endpoint', ({ channel, endpoint, protocol }) => {
    // Act
    const found = channelOf(channel.key);

    // Assess
    expect(found).toBe(channel);
    expect(found.aws(endpoint)).toEqual({ kind: 'sns-subscription', protocol, endpoint });
  });

  it('renders one body per channel, the ones formatAlert puts in the message', () => {
    // Prepare
    const input = erroredInput();
    const consoleUrl = 'https://console.aws.amazon.com/states/home#/v2/executions/details/x';

    // Act
    const bodies = renderChannelBodies({ input, facts: alertFacts(input, {}), consoleUrl });

    // Assess
    const { default: _default, ...channelBodies } = formatAlert(input, { consoleUrl }).bodies;
    expect(Object.keys(bodies)).toEqual(['email', 'sms', 'slack', 'teams', 'webhook']);
    expect(bodies).toEqual(channelBodies);
  });
});

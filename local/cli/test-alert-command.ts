/**
 * `dwq test-alert <subscriber> [--outcome ERROR]`: a sample alert through the real path, so a
 * new subscriber can be checked before the first failure. Locally: the local publisher (outbox,
 * screen, and a real POST for webhooks); with --stack: the deployed alerts topic, with an
 * attribute only that subscriber's filter policy matches.
 */
import type { Command } from '@commander-js/extra-typings';
import { testAlertFor } from '../../shared/alerts/delivery/test-alert.ts';
import { deployedAlertPublisher } from '../../shared/aws/cloudformation/deployed-alerts.ts';
import { systemClock } from '../../shared/clock.ts';
import { ValidationError } from '../../shared/errors.ts';
import { OutboxAlertPublisher, outboxPathOf } from '../runtime/outbox-publisher.ts';
import { CliError, writeLine } from './cli-io.ts';
import { readConfig, withConfigOption } from './config-option.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT } from './exit-codes.ts';
import type { CliContext } from './program.ts';

export function registerTestAlertCommand(program: Command, context: CliContext) {
  return withConfigOption(program.command('test-alert'))
    .description('Send a sample alert to one subscriber through the real path: locally, or through a deployed stack with --stack.')
    .argument('<subscriber>', 'the subscriber name in the config')
    .option('--outcome <outcome>', 'the outcome the sample shows (default: ERROR, if the subscriber receives it)')
    .option('--stack <name>', 'publish to the alerts topic of this deployed stack (default credential chain)')
    .option('--region <region>', 'the stack\'s region (default: the SDK\'s)')
    .option('--profile <profile>', 'the AWS profile to use')
    .option('--outbox <file>', 'local mode\'s alerts file (default: $DWQ_OUTBOX, else .dwq/outbox.jsonl)')
    .action((name, options): Promise<void> => testAlert(name, options, context));
}

type TestAlertOptions = OptionsOf<ReturnType<typeof registerTestAlertCommand>>;

async function testAlert(name: string, options: TestAlertOptions, context: CliContext): Promise<void> {
  const { io } = context;
  const { config } = readConfig(options.config, io.env);
  let alert: ReturnType<typeof testAlertFor>;
  try {
    alert = testAlertFor(config, name, options.outcome, systemClock.now());
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(error.message, EXIT.usage, { cause: error });
    throw error;
  }
  if (options.stack) {
    const { publisher, topicArn } = await deployedAlertPublisher({ stackName: options.stack, region: options.region, profile: options.profile }).catch((error: unknown) => {
      throw new CliError(error instanceof Error ? error.message : String(error), EXIT.usage, { cause: error });
    });
    const { messageId } = await publisher.publish(alert.message);
    writeLine(io.stdout, `Sent a test ${alert.outcome} alert to ${name} through ${topicArn} (message ${messageId}); only ${name}'s filter policy lets it through.`);
    return;
  }
  const failures: string[] = [];
  const publisher = new OutboxAlertPublisher({
    path: outboxPathOf(options.outbox, io.env),
    subscribers: config.subscribers,
    clock: systemClock,
    env: io.env,
    print: (text) => writeLine(io.stdout, text),
    onDeliveryFailure: (subscriber) => failures.push(subscriber),
  });
  const secret = publisher.subscriberSecret;
  if (alert.subscriber.protocol === 'webhook' && secret?.generated) {
    writeLine(io.stdout, `Signing with a generated secret ${secret.value} (set DWQ_SUBSCRIBER_SECRET for the receiver's).`);
  }
  await publisher.publish(alert.message);
  if (failures.length > 0) throw new CliError(`the test alert did not reach ${name}; see the line above`, EXIT.runFailed);
  writeLine(io.stdout, `Sent a test ${alert.outcome} alert to ${name} locally.`);
}

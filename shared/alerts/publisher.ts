/** The alert port: SNS in AWS, the console and the outbox in local mode. */
import type { AlertMessage } from './alert-message.ts';

export interface AlertPublisher {
  /** Sends one alert; rejects with AlertPublishError when it did not go out. */
  publish(message: AlertMessage): Promise<{ messageId: string }>;
}

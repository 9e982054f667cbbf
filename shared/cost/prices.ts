/**
 * List prices the cost figures and the poll loop's in-process break-even use: AWS, us-east-1,
 * on-demand, free tiers ignored (pages as of 2025: aws.amazon.com/step-functions/pricing,
 * aws.amazon.com/lambda/pricing). Change them here: `dwq cost`, `npm run bench` and
 * shared/run/polling.ts read them.
 */
export const PRICES = {
  region: 'us-east-1',
  /** Step Functions Standard workflows: $0.025 per 1,000 state transitions. */
  stepFunctionsPerTransition: 0.025 / 1000,
  /** Lambda requests: $0.20 per million. */
  lambdaPerRequest: 0.2 / 1_000_000,
  /** Lambda compute on arm64 (Graviton), first pricing tier, per GB-second. */
  lambdaArmPerGbSecond: 0.000_013_333_4,
} as const;

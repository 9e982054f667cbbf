/**
 * List prices the cost figures use: AWS, us-east-1, on-demand, free tiers ignored (pages as of
 * 2025: aws.amazon.com/step-functions/pricing, aws.amazon.com/lambda/pricing). Change them here.
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

/** What every Lambda of both designs is assumed to be, and how long each handler runs. */
export const LAMBDA_ASSUMPTIONS = {
  memoryMb: 256,
  architecture: 'arm64',
  /** A warm handler's own work around its calls (logging, parsing, middy), in ms. */
  handlerOverheadMs: 40,
  /** One SNS publish from Notify, in ms. */
  snsPublishMs: 120,
} as const;

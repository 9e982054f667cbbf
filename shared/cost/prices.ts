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

/**
 * Monthly list prices of what the stack keeps whether or not anything runs: AWS, us-east-1,
 * on-demand, free tiers ignored (pages as of 2025: aws.amazon.com/secrets-manager/pricing,
 * aws.amazon.com/kms/pricing, aws.amazon.com/cloudwatch/pricing, aws.amazon.com/dynamodb/pricing).
 * shared/cost/fixed-cost.ts counts the stack's resources against them; `dwq cost` prints the sum.
 */
export const MONTHLY_PRICES = {
  /** Secrets Manager: $0.40 per secret per month. */
  secret: 0.4,
  /** KMS: $1 per customer managed key per month (rotation adds $1 for each of the first two rotations; ignored). */
  kmsKey: 1,
  /** CloudWatch: $0.10 per standard-resolution metric alarm per month. */
  alarm: 0.1,
  /** CloudWatch: $3 per dashboard per month (beyond the first three). */
  dashboard: 3,
  /** DynamoDB on-demand, standard table class: $0.25 per GB-month of storage. */
  tableStoragePerGb: 0.25,
} as const;

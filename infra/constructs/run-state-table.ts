/** The run state table (see shared/aws/dynamodb/state-table.ts): claims, run journal, alert memory, the run ledger and pause flags. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { STATE_TABLE } from '../../shared/aws/dynamodb/state-table.ts';

export class RunStateTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: STATE_TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: STATE_TABLE.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
      // The run ledger's listings (shared/aws/dynamodb/run-ledger.ts): the same indexes dynalite creates.
      globalSecondaryIndexes: Object.values(STATE_TABLE.indexes).map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      })),
    });
  }
}

/**
 * The IAM condition that keeps a statement on the table to the items whose key starts with one of
 * `prefixes`: each function and the operator touch their own records only, never another's.
 */
export function keysStartingWith(...prefixes: readonly string[]): iam.Conditions {
  return { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((prefix) => `${prefix}*`) } };
}

/**
 * The one way this app makes a Lambda: Node 24 on arm64, minified ESM bundled locally by esbuild
 * (no Docker) into chunks (lambda-bundling.ts), source maps, JSON logs with a retention, X-Ray
 * tracing. Every function differs only in entry, environment and timeout.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AssetHashType, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import * as esbuild from 'esbuild';
import { CONFIG_FILE_NAME } from '../../shared/aws/config-file.ts';
import { BundlingError } from '../../shared/errors.ts';
import { LAMBDA_NODE_OPTIONS, lambdaBuildOptions, REPO_ROOT, type LambdaBuild } from './lambda-bundling.ts';

export interface BaseFunctionProps {
  /** Folder under functions/, e.g. `submit`. */
  readonly name: string;
  readonly description: string;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /**
   * Data written as `config.json` beside the handler, read with readConfigFile
   * (shared/aws/config-file.ts): the config subset this function needs, however large.
   */
  readonly configFile?: unknown;
  readonly logRetention?: logs.RetentionDays;
}

export class BaseFunction extends lambda.Function {
  constructor(scope: Construct, id: string, props: BaseFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its own role, not AWSLambdaBasicExecutionRole (logs to any log group): it writes to its own only.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.name} function`,
    });
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );
    super(scope, id, {
      role,
      code: bundledCode(props),
      handler: 'index.handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      logGroup,
      environment: {
        ...(LAMBDA_NODE_OPTIONS.length > 0 ? { NODE_OPTIONS: LAMBDA_NODE_OPTIONS.join(' ') } : {}),
        POWERTOOLS_SERVICE_NAME: 'dataworq-runner',
        ...props.environment,
      },
    });
  }
}

/**
 * The asset: bundled on this machine at synth (skipped, like any bundling, for stacks not being
 * synthesized), with the config file beside the handler, hashed by its output.
 */
function bundledCode(props: BaseFunctionProps): lambda.Code {
  const entry = path.join('functions', props.name, 'index.ts');
  const config = props.configFile === undefined ? undefined : JSON.stringify(props.configFile);
  // CDK reuses one bundling result for equal options within a process; what the asset holds
  // besides the bundle (the config) must therefore be part of them.
  const inputs = createHash('sha256').update(config ?? '').digest('hex');
  return lambda.Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never used: local bundling always succeeds or fails the synth with esbuild's message.
      image: lambda.Runtime.NODEJS_24_X.bundlingImage,
      command: ['esbuild', entry, `--inputs=${inputs}`],
      local: {
        tryBundle(outputDir: string): boolean {
          bundleInto(props.name, { entry, outDir: outputDir });
          if (config !== undefined) writeFileSync(path.join(outputDir, CONFIG_FILE_NAME), config);
          return true;
        },
      },
    },
  });
}

function bundleInto(name: string, build: LambdaBuild): void {
  try {
    esbuild.buildSync(lambdaBuildOptions(build));
  } catch (error) {
    const errors = (error as { errors?: esbuild.Message[] }).errors ?? [];
    const first = errors[0];
    const where = first?.location ? ` (${first.location.file}:${first.location.line})` : '';
    throw new BundlingError(
      `Could not bundle the ${name} Lambda: ${first?.text ?? String(error)}${where}. Fix the source (\`npx tsc --noEmit\` shows type and import errors) and synthesize again.`,
      { cause: error },
    );
  }
}

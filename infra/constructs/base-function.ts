/**
 * The one way this app makes a Lambda: Node 24 on arm64, minified ESM bundled locally by esbuild
 * (no Docker), source maps, JSON logs with a retention, X-Ray tracing. Every function differs
 * only in entry, environment and timeout.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CONFIG_FILE_NAME } from '../../shared/aws/config-file.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** How every Lambda is bundled; exported so that `npm run bench` measures the same bundles. */
export const LAMBDA_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node24',
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  // Maps without the sources: stack traces still name file and line, and --enable-source-maps
  // reads a map a sixth the size at every cold start.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // The Node 24 runtime ships AWS SDK v3; bundling it again only adds cold-start weight.
  externalModules: ['@aws-sdk/*'],
  banner: "import { createRequire as __dwqCreateRequire } from 'node:module'; const require = __dwqCreateRequire(import.meta.url);",
} as const;

export interface BaseFunctionProps {
  /** Folder under functions/, e.g. `submit`. */
  readonly name: string;
  readonly description: string;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** Values replaced at bundle time (esbuild `define`): small constants only, never the config. */
  readonly define?: Record<string, string>;
  /**
   * Data written as `config.json` beside the handler, read with readConfigFile
   * (shared/aws/config-file.ts): the config subset this function needs, however large.
   */
  readonly configFile?: unknown;
  readonly logRetention?: logs.RetentionDays;
}

export class BaseFunction extends NodejsFunction {
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
      entry: path.join(REPO_ROOT, 'functions', props.name, 'index.ts'),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
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
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'dataworq-runner',
        ...props.environment,
      },
      bundling: {
        ...LAMBDA_BUNDLING,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        externalModules: [...LAMBDA_BUNDLING.externalModules],
        ...(props.define ? { define: props.define } : {}),
        ...(props.configFile === undefined ? {} : { commandHooks: copyIntoAsset(props.configFile) }),
      },
    });
  }
}

/** Writes the data at synth and copies it into the bundle's folder, so the asset's hash covers it. */
function copyIntoAsset(data: unknown) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'dwq-config-')), CONFIG_FILE_NAME);
  writeFileSync(file, JSON.stringify(data));
  return {
    beforeBundling: (): string[] => [],
    beforeInstall: (): string[] => [],
    afterBundling: (_inputDir: string, outputDir: string): string[] => [`cp ${JSON.stringify(file)} ${JSON.stringify(path.join(outputDir, CONFIG_FILE_NAME))}`],
  };
}

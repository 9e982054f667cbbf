/** Reads the flows config: YAML text → plain object → configSchema, or a ConfigError listing every problem. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument, type YAMLError } from 'yaml';
import { isRecord } from '../guards.ts';
import { ConfigError } from './config-error.ts';
import type { DwqConfig } from './schema.ts';
import { validateConfig } from './validate-config.ts';

/** Resolved from this module, not the cwd, so the CLI, CDK and tests find the same file. */
export const DEFAULT_CONFIG_PATH = fileURLToPath(new URL('../../config/dataworq.yaml', import.meta.url));

/** The config and what only local mode reads: the `emulator:` section, left to the emulator to check. */
export interface LocalConfig {
  readonly config: DwqConfig;
  readonly emulator?: unknown;
}

export function parseConfig(text: string, source = 'config'): DwqConfig {
  return parseLocalConfig(text, source).config;
}

export function parseLocalConfig(text: string, source = 'config'): LocalConfig {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  // One misplaced indent makes the YAML parser report every later line too; only the first is real.
  const [firstYamlError] = document.errors;
  if (firstYamlError) throw new ConfigError(source, [describeYamlError(firstYamlError, document.errors.length)]);
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError(source, [`(top level): cannot read the YAML: ${(error as Error).message}`], { cause: error });
  }
  // Local mode's emulator settings mean nothing to a deployment: set apart, never validated here.
  if (isRecord(data) && Object.hasOwn(data, 'emulator')) {
    const { emulator, ...rest } = data;
    return { config: validateConfig(rest, source), emulator };
  }
  return { config: validateConfig(data, source) };
}

/** `path` defaults to env DWQ_CONFIG, else config/dataworq.yaml in the repository. */
export function loadConfig(path: string | undefined = process.env['DWQ_CONFIG'] || DEFAULT_CONFIG_PATH): DwqConfig {
  return parseConfig(readConfigText(path), path);
}

export function loadLocalConfig(path: string = process.env['DWQ_CONFIG'] || DEFAULT_CONFIG_PATH): LocalConfig {
  return parseLocalConfig(readConfigText(path), path);
}

function readConfigText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(path, [`(file): cannot read the config file (${code}); set DWQ_CONFIG or pass a path`], { cause: error });
  }
}

function describeYamlError(error: YAMLError, count: number): string {
  const position = error.linePos?.[0];
  const where = position ? `line ${position.line}, column ${position.col}` : 'YAML';
  // prettyErrors appends the position and a code excerpt; the position is kept above, the excerpt dropped.
  const message = error.message.replace(/ at line \d+, column \d+.*$/s, '');
  const indentation = error.code === 'BAD_INDENT' ? '; check the indentation of this line against the keys beside it' : '';
  const more = count > 1 ? ` (later YAML errors usually follow from this one; fix it first)` : '';
  return `${where}: YAML syntax error: ${message}${indentation}${more}`;
}

/** `-p ROWS=500` becomes 500 when ROWS is declared an integer; resolveRunFlow checks the rest. */
import type { DwqConfig } from '../../shared/config/schema.ts';
import { parameterFromText, type ParameterValue } from '../../shared/dataworq/parameter-types.ts';

export function typedParameters(config: DwqConfig, flowName: string, pairs: readonly string[][]): Record<string, ParameterValue> {
  const declared = Object.hasOwn(config.flows, flowName) ? config.flows[flowName]?.parameters : undefined;
  const values: Record<string, ParameterValue> = {};
  for (const [name = '', text = ''] of pairs) {
    values[name] = parameterFromText(declared && Object.hasOwn(declared, name) ? declared[name]?.type : undefined, text);
  }
  return values;
}

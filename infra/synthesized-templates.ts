/** Every template a synthesized cloud assembly holds, stacks and nested stacks alike, with its size. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SynthesizedTemplate } from '../shared/config/deployment-limits.ts';

export function synthesizedTemplates(assemblyDir: string): SynthesizedTemplate[] {
  return readdirSync(assemblyDir)
    .filter((file) => file.endsWith('.template.json'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(assemblyDir, file), 'utf8');
      return { name: file.replace(/\.template\.json$/, ''), bytes: Buffer.byteLength(text), template: JSON.parse(text) as SynthesizedTemplate['template'] };
    });
}

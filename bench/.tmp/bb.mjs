import * as esbuild from 'esbuild';
import { writeFileSync } from 'node:fs';
const banner = "import { createRequire as __dwqCreateRequire } from 'node:module'; const require = __dwqCreateRequire(import.meta.url);";
writeFileSync('bench/.tmp/bare.ts', 'export const handler = async () => ({ statusCode: 202 });\n');
for (const [name, entry] of [['bare','bench/.tmp/bare.ts'],['submit','functions/submit/index.ts'],['check','functions/check/index.ts'],['notify','functions/notify/index.ts'],['webhook','functions/webhook/index.ts']]) {
  await esbuild.build({ entryPoints:[entry], bundle:true, platform:'node', format:'esm', target:'node24', minify:true, mainFields:['module','main'], external:['@aws-sdk/*'], outfile:`bench/.tmp/out/${name}.mjs`, banner:{js:banner}});
}

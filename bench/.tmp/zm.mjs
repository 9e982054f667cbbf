import * as esbuild from 'esbuild';
for (const e of process.argv.slice(2)) {
const r = await esbuild.build({ entryPoints:[e], bundle:true, platform:'node', format:'esm', target:'node24', minify:true, mainFields:['module','main'], external:['@aws-sdk/*'], write:false, metafile:true, outdir:'/tmp/out'});
console.log(e, r.outputFiles[0].contents.length);
const out = Object.values(r.metafile.outputs)[0];
console.log(Object.entries(out.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0,8).map(([k,v])=>k.replace(/.*node_modules\//,'')+':'+v.bytesInOutput).join('\n'));
}

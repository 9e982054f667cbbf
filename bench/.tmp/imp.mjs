const t0 = performance.now();
await import(process.argv[2]);
const t1 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, sinceStartMs: t1 }));

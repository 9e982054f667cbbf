// scratch: explore strategies
function rng(seed: number) { let s = seed >>> 0; return () => { s = (s + 0x6D2B79F5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const r = rng(42);
const gauss = () => { const u = 1 - r(), v = r(); return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v); };
const N = 20000, o = 0.35, sigma = +(process.env.SIGMA ?? 0.25), early = +(process.env.EARLY ?? 0.03);
const jobs = Array.from({ length: N }, () => {
  const U = Math.exp(Math.log(10) + r() * (Math.log(28800) - Math.log(10)));
  let d = U * Math.exp(sigma * gauss());
  if (r() < early) d = U * (0.02 + 0.9 * r());
  const hist = Array.from({ length: 10 }, () => U * Math.exp(sigma * gauss()));
  return { d: Math.min(28800, Math.max(10, d)), hist };
});
const MIN = +(process.env.MIN ?? 4), MAX = +(process.env.MAX ?? 900), F = +(process.env.F ?? 0.1), ALPHA = +(process.env.ALPHA ?? 0.5);
function next(age: number, exp?: number) { const base = Math.max(age, exp ? ALPHA * exp : 0); return Math.min(MAX, Math.max(MIN, Math.floor(F * base))); }
function sim(d: number, hist?: number[]) {
  let t = MIN + o, calls = 1, exp: number | undefined;
  if (hist) { const s = [...hist].sort((a, b) => a - b); exp = process.env.USEMIN ? s[0] : s[Math.floor(s.length / 2)]; calls++; }
  while (t < d) { t += next(t, exp) + o; calls++; }
  return { calls, lag: t - d };
}
function fixed(d: number) { let t = 60 + o, calls = 1; while (t < d) { t += 60 + o; calls++; } return { calls, lag: t - d }; }
const buckets = [[0, 300], [300, 3600], [3600, 1e9]] as const;
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!; };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const [name, f] of [['fixed', (j: any) => fixed(j.d)], ['age', (j: any) => sim(j.d)], ['hist', (j: any) => sim(j.d, j.hist)]] as const) {
  const res = jobs.map((j) => ({ d: j.d, ...f(j) }));
  const line = buckets.map(([lo, hi]) => { const b = res.filter((x) => x.d > lo && x.d <= hi); return `calls ${mean(b.map((x) => x.calls)).toFixed(1)} lag ${mean(b.map((x) => x.lag)).toFixed(1)} p95 ${pct(b.map((x) => x.lag), 0.95).toFixed(1)} ratio95 ${pct(b.map((x) => x.lag / Math.max(5, 0.1 * x.d)), 0.95).toFixed(2)}`; });
  const trans = mean(res.map((x) => 3 * (x.calls - (name === 'hist' ? 1 : 0)) + (name === 'fixed' ? 2 : 4)));
  const bins = Array.from({ length: 10 }, (_, i) => { const lo = 10 * 2880 ** (i / 10), hi = 10 * 2880 ** ((i + 1) / 10); const b = res.filter((x) => x.d >= lo && x.d < hi); return b.length ? pct(b.map((x) => x.lag / Math.max(5, 0.1 * x.d)), 0.95).toFixed(2) : '-'; });
  console.log(name.padEnd(6), line.join(' | '), `trans ${trans.toFixed(1)}`, 'bins', bins.join(' '));
}

import { routingLab } from '/work/main/bench/routing-world.ts';
import { freshEngine, timedUp } from '/work/main/bench/lab-up.ts';
import { trace } from '/work/main/src/trace/trace.ts';
const engine = await freshEngine('memory');
await timedUp(engine, routingLab());
const r = engine.routing; r.computeAll();
const oci = engine.world.list('oci.Instance').map(i => i.displayName);
const az = engine.world.list('azure.VirtualMachine').map(v => v.name);
const PROFILE = process.env.PROF === "1";
const { Session } = await import('node:inspector/promises');
const s = new Session(); if (PROFILE) { s.connect(); await s.post("Profiler.enable"); await s.post("Profiler.start"); }
let n = 0; const t0 = performance.now();
while (performance.now() - t0 < 3000) { trace(r, { from: n % 2 ? oci[n % oci.length]! : az[n % az.length]!, to: n % 2 ? az[(n * 7) % az.length]! : oci[(n*7) % oci.length]!, protocol: 'tcp', port: 22 }); n++; }
console.log('traces/s', Math.round(n / 3));
if (!PROFILE) { await engine.close(); process.exit(0); }
const { profile } = await s.post('Profiler.stop');
const self = new Map<string, number>(); const total = profile.samples!.length;
const byId = new Map(profile.nodes.map(x => [x.id, x]));
const counts = new Map<number, number>(); for (const id of profile.samples!) counts.set(id, (counts.get(id) ?? 0) + 1);
for (const [id, c] of counts) { const nd = byId.get(id)!; const k = `${nd.callFrame.functionName || '(anon)'} ${nd.callFrame.url.split('/').slice(-2).join('/')}:${nd.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + c); }
for (const [k, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 22)) console.log((100 * c / total).toFixed(1).padStart(5), k);
await engine.close();

// How a lab of N subnets in one VCN scales, and whether the server keeps answering while it is
// applied (issue 12, item 9). Prints one JSON line per size.
//   node --import tsx scripts/measure-wide-lab.ts engine 1000 2000 4000 10000   # upLab on a fresh engine
//   node --import tsx scripts/measure-wide-lab.ts http 1000 2000 4000 10000     # POST /labs on a server, /status polled every 20 ms
// Add AZURE=1 for an Azure VNet with as many subnets as well.
import { parseLab } from '../src/lab/parse.ts';
import { freshEngine, timedUp } from '../bench/lab-up.ts';
import { wideNetworkLabYaml } from '../bench/wide-network-lab.ts';
import { applyWhilePolling } from '../bench/status-poller.ts';
import { startTestServer } from '../test/api/server.ts';
import { logLogSlope } from '../bench/cases/routing-scaling.ts';

const [mode, ...sizes] = process.argv.slice(2);
const azure = process.env.AZURE === '1';
const results: { n: number; ms: number }[] = [];

for (const n of sizes.map(Number)) {
  const yaml = wideNetworkLabYaml({ subnets: n, azure });
  if (mode === 'engine') {
    const parseStart = performance.now();
    const lab = parseLab(yaml, 'wide.yaml');
    const parseMs = performance.now() - parseStart;
    const engine = await freshEngine('memory');
    const { ms, report } = await timedUp(engine, lab);
    await engine.close();
    results.push({ n, ms });
    console.log(JSON.stringify({ mode, n, bytes: yaml.length, parseMs: Math.round(parseMs), upMs: Math.round(ms), created: report.created }));
  } else {
    const server = await startTestServer();
    try {
      const r = await applyWhilePolling(server.adminUrl, yaml);
      results.push({ n, ms: r.totalMs });
      console.log(JSON.stringify({ mode, n, bytes: yaml.length, ...r }));
    } finally {
      await server.close();
    }
  }
}

// Least-squares slope of log(time) against log(size): 1 is linear, 2 quadratic.
if (results.length > 1) console.log(JSON.stringify({ growthExponent: Math.round(logLogSlope(results.map((r) => ({ x: r.n, y: r.ms }))) * 100) / 100 }));

// The web console: its bundle size and the time to its first drawing of the tutorial topology.
//   console-bundle-gzip-kb  — sum of the gzip sizes (zlib default level) of every .js/.mjs/.css file
//                             under console/dist, in kB of 1,000 bytes; target < 400.
//   console-first-render-ms — Debian's headless Chromium (playwright-core), a FastRoute on the
//                             tutorial lab: from page.goto(<admin URL>/#/topology) to
//                             document.body.dataset.ready === "true", a fresh browser context (no
//                             cache) each run; 1 warm-up + 5; target < 1,500 ms.
// The console is measured as built (`npm run build` first); a missing build fails both cases, and a
// build older than the console's sources is flagged in the details.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../src/config/load.ts';
import { startServer } from '../../src/server/start.ts';
import { assertConsoleBuilt, CHROMIUM, DIST, launchChromium, openGuardedPage, REPO, TUTORIAL_LAB, waitFor } from '../../test/console/harness.ts';
import { caseResult, failedCase, skippedCase, type CaseResult, type CaseSpec } from '../result.ts';
import { log, repeat } from '../harness.ts';
import { round } from '../stats.ts';
import { makeTempDir, removeTempDir } from '../temp-dirs.ts';
import type { BenchCase } from './case.ts';

const BUNDLE: CaseSpec = { name: 'console-bundle-gzip-kb', unit: 'kB', targetBelow: 400 };
const RENDER: CaseSpec = { name: 'console-first-render-ms', unit: 'ms', targetBelow: 1500, warmup: 1 };
const RUNS = 5;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

/** The newest source of the console (src, index.html, vite config), to tell a stale build. */
function newestSourceMs(): number {
  const root = path.join(REPO, 'console');
  const sources = [...filesUnder(path.join(root, 'src')), path.join(root, 'index.html'), path.join(root, 'vite.config.ts')];
  return Math.max(...sources.map((f) => statSync(f).mtimeMs));
}

function bundleCase(): CaseResult {
  const assets = filesUnder(DIST).filter((f) => /\.(m?js|css)$/.test(f)).sort();
  if (assets.length === 0) throw new Error(`no .js or .css file under ${path.relative(REPO, DIST)}`);
  const files = assets.map((f) => {
    const raw = readFileSync(f);
    return { file: path.relative(DIST, f), bytes: raw.length, gzipBytes: gzipSync(raw).length };
  });
  const gzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  const builtMs = statSync(path.join(DIST, 'index.html')).mtimeMs;
  const stale = newestSourceMs() > builtMs;
  if (stale) log(`${BUNDLE.name}: console/dist is older than console/ sources; run \`npm run build\` for current numbers`);
  return caseResult(BUNDLE, [round(gzipBytes / 1000)], {
    files,
    rawBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes,
    gzip: 'node:zlib gzipSync, default level (6)',
    builtAt: new Date(builtMs).toISOString(),
    stale,
  });
}

// Records, in the page, when body.dataset.ready turns "true" (ms since the navigation started).
const READY_PROBE = `(() => {
  const seen = () => {
    if (window.__fastrouteReadyAt === undefined && document.body && document.body.dataset.ready === 'true') {
      window.__fastrouteReadyAt = performance.now();
      return true;
    }
    return false;
  };
  const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
  observer.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'], childList: true });
})();`;

async function firstRenderCase(): Promise<CaseResult> {
  const dir = makeTempDir('console');
  // Everything started is inside the try, so a browser that fails to launch cannot leave the
  // server listening (which kept the whole run from exiting).
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    server = await startServer(loadConfig({
      cwd: dir,
      env: {},
      flags: { inMemory: true, adminPort: '0', ociPort: '0', armPort: '0', lab: TUTORIAL_LAB, logLevel: 'silent' },
    }));
    browser = await launchChromium();
    const b = browser;
    const inPage: number[] = [];
    let nodes = 0;
    const url = `${server.adminUrl}/#/topology`;
    const samples = await repeat(RENDER.name, { warmup: RENDER.warmup ?? 0, runs: RUNS }, async () => {
      const g = await openGuardedPage(b);
      try {
        await g.page.addInitScript(READY_PROBE);
        const start = performance.now();
        await g.page.goto(url, { waitUntil: 'commit' });
        await g.page.waitForFunction('document.body !== null && document.body.dataset.ready === "true"', undefined, { polling: 'raf', timeout: 15_000 });
        const ms = performance.now() - start;
        await waitFor(g.page, '[data-testid="topology"] [data-testid="node"]', 'the topology nodes');
        nodes = await g.page.locator('[data-testid="topology"] [data-testid="node"]').count();
        const at = await g.page.evaluate('window.__fastrouteReadyAt');
        if (typeof at === 'number') inPage.push(round(at));
        if (g.blocked.length > 0) throw new Error(`the console asked for URLs beyond 127.0.0.1: ${g.blocked.join(', ')}`);
        if (g.pageErrors.length > 0) throw new Error(`the console threw: ${g.pageErrors.join('\n')}`);
        return ms;
      } finally {
        await g.context.close();
      }
    });
    return caseResult(RENDER, samples, {
      // The in-page time of each run, warm-up included: performance.now() when data-ready turned
      // "true", i.e. from the navigation start, without the CDP round trips of the outer time.
      inPageReadyMs: inPage,
      topologyNodes: nodes,
      lab: 'labs/tutorial.yaml',
      browser: `Debian chromium ${b.version()}, headless, playwright-core`,
      viewport: '1440x900',
      freshContextEachRun: true,
    });
  } finally {
    await browser?.close();
    await server?.close();
    removeTempDir(dir);
  }
}

export const consoleCase: BenchCase = {
  specs: [BUNDLE, RENDER],
  async run() {
    assertConsoleBuilt();
    const bundle = bundleCase();
    log(`${BUNDLE.name}: ${bundle.median ?? '-'} kB`);
    // A render that cannot be measured must not lose the bundle size measured already.
    let render: CaseResult;
    if (!existsSync(CHROMIUM)) return [bundle, skippedCase(RENDER, `chromium not found at ${CHROMIUM}`)];
    try {
      render = await firstRenderCase();
    } catch (err) {
      log(`${RENDER.name} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      render = failedCase(RENDER, err);
    }
    return [bundle, render];
  },
};

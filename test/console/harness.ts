// Browser harness of the console's end-to-end tests (and of bench/cases/console.ts): a real FastRoute
// on a lab, Debian's headless Chromium driven by playwright-core, a network guard that lets the page
// reach 127.0.0.1 only, screenshots kept as test artefacts (test-artifacts/console/, git-ignored), and
// bounded waits that say what they were waiting for.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../api/server.ts';
import type { DomElement, InPage } from './dom.ts';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const DIST = path.join(REPO, 'console', 'dist');
export const ARTIFACTS = path.join(REPO, 'test-artifacts', 'console');
export const TUTORIAL_LAB = path.join(REPO, 'labs', 'tutorial.yaml');
/** Debian's `chromium` package (installed by .ci/run); FASTROUTE_CHROMIUM overrides it. */
export const CHROMIUM = process.env.FASTROUTE_CHROMIUM ?? '/usr/bin/chromium';
/** The longest any single wait may take. */
export const WAIT_MS = 15_000;

/** Fails (never skips) when the console has not been built: `npm test` builds it first. */
export function assertConsoleBuilt(): void {
  const index = path.join(DIST, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`the web console is not built: ${path.relative(REPO, index)} is missing. Run \`npm run build\` first (\`npm test\` does).`);
  }
}

/**
 * Why the browser tests cannot run here, as their skip reason (counted as skipped, never passed):
 * the full suite needs Debian's chromium, which a fresh machine may lack.
 */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `skipped: chromium not found at ${CHROMIUM} (apt-get install -y chromium; .ci/run does; or set FASTROUTE_CHROMIUM)`;
}

/**
 * Headless Chromium that cannot reach beyond this machine: every request is proxied to a closed
 * loopback port (127.0.0.1:9) except loopback itself, and each page also has a route guard
 * (openGuardedPage) that aborts and records any request to another host.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium; .ci/run does) or set FASTROUTE_CHROMIUM`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=127.0.0.1;localhost;[::1]'],
  });
}

const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether the page may load this URL: loopback http(s)/ws(s), or an in-page scheme. */
export function isAllowedUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(url.protocol)) return true;
  return ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && LOOPBACK_HOSTS.has(url.hostname);
}

export interface GuardedPage {
  context: BrowserContext;
  page: Page;
  /** Requests the guard aborted (anything not to 127.0.0.1/localhost), in order. */
  blocked: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** console.error messages of the page (diagnostics; failed loads show up here too). */
  consoleErrors: string[];
  /** Every URL the page asked for that the guard let through, in order. */
  requests: string[];
}

/** A fresh context (no cache, no storage) and page, with the network guard and error collection. */
export async function openGuardedPage(browser: Browser, viewport = { width: 1440, height: 900 }): Promise<GuardedPage> {
  const context = await browser.newContext({ viewport });
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isAllowedUrl(url)) {
      requests.push(url);
      await route.continue();
    } else {
      blocked.push(url);
      await route.abort('blockedbyclient');
    }
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  return { context, page, blocked, pageErrors, consoleErrors, requests };
}

/** Saves a full-page PNG into test-artifacts/console/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Removes the failure screenshots of earlier runs (failed-*.png), so those left are this run's. */
export function clearFailureScreenshots(): void {
  if (!existsSync(ARTIFACTS)) return;
  for (const f of readdirSync(ARTIFACTS)) if (f.startsWith('failed-')) rmSync(path.join(ARTIFACTS, f), { force: true });
}

/** What the topology SVG currently shows: one line per node/edge with its test attributes (for failure messages). */
export async function describeTopology(page: Page): Promise<string> {
  const lines = await page.locator('[data-testid="node"], [data-testid="edge"]').evaluateAll((els: DomElement[]) =>
    els.map((el) => {
      const d = el.dataset;
      return [d.testid, d.kind, d.id, d.path, `state=${d.state ?? '-'}`, d.traced === undefined ? '' : `traced=${d.traced}`].filter((x) => x !== undefined && x !== '').join(' ');
    }),
  );
  return lines.length === 0 ? '(no node or edge on the page)' : lines.join('\n');
}

/**
 * Waits (at most WAIT_MS) until `selector` matches at least `count` elements. On timeout it saves a
 * screenshot `failed-<shot>.png` and throws naming what was awaited, with the topology as it stood.
 */
export async function waitFor(page: Page, selector: string, what: string, opts: { count?: number; shot?: string; timeoutMs?: number } = {}): Promise<void> {
  const count = opts.count ?? 1;
  try {
    await page.waitForFunction(
      ({ sel, n }) => (globalThis as unknown as InPage).document.querySelectorAll(sel).length >= n,
      { sel: selector, n: count },
      { timeout: opts.timeoutMs ?? WAIT_MS, polling: 50 },
    );
  } catch (err) {
    const shot = await screenshot(page, `failed-${opts.shot ?? 'wait'}`).catch(() => '(no screenshot)');
    const seen = await describeTopology(page).catch(() => '(page gone)');
    throw new Error(`timed out after ${opts.timeoutMs ?? WAIT_MS} ms waiting for ${what} (${selector}${count > 1 ? ` ×${count}` : ''}); screenshot ${shot}\nthe page showed:\n${seen}\n${err instanceof Error ? err.message.split('\n')[0] ?? '' : ''}`);
  }
}

/** Waits until nothing matches `selector` (e.g. a drill that was stopped). */
export async function waitForNone(page: Page, selector: string, what: string, shot = 'wait-none'): Promise<void> {
  try {
    await page.waitForFunction((sel) => (globalThis as unknown as InPage).document.querySelectorAll(sel).length === 0, selector, { timeout: WAIT_MS, polling: 50 });
  } catch (err) {
    const file = await screenshot(page, `failed-${shot}`).catch(() => '(no screenshot)');
    throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what} to go (${selector}); screenshot ${file}: ${err instanceof Error ? err.message.split('\n')[0] ?? '' : ''}`);
  }
}

/** Opens the console at a hash route and waits for its first topology (document.body.dataset.ready). */
export async function openConsole(page: Page, baseUrl: string, route = '#/topology'): Promise<void> {
  await page.goto(`${baseUrl}/${route}`, { timeout: WAIT_MS });
  await waitFor(page, 'body[data-ready="true"]', 'the console to draw its first topology (body data-ready="true")', { shot: 'ready' });
}

/** A FastRoute server (in memory, free ports) with `lab` up, whose admin server serves console/dist; `flags` as `fastroute start` takes them. */
export async function startConsoleServer(lab: string, flags: Record<string, unknown> = {}): Promise<TestServer> {
  const server = await startTestServer({ lab, ...flags });
  const res = await fetch(`${server.adminUrl}/`);
  const html = await res.text();
  if (!res.ok || !/<html/i.test(html)) {
    await server.close();
    throw new Error(`GET ${server.adminUrl}/ did not answer the console's index.html (status ${res.status}): ${html.slice(0, 200)}`);
  }
  return server;
}

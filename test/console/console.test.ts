// The web console end to end, in Debian's headless Chromium (playwright-core), against a real
// FastRoute on the tutorial lab (and a second one on a broken lab): the topology shows both VMs and
// both links up; a trace from the OCI VM to the Azure VM is delivered and drawn; the primary-link
// drill takes that link down and the trace moves to the secondary; the doctor shows a broken lab's
// finding; the events timeline updates live. Screenshots of every step go to test-artifacts/console/.
// The page may reach 127.0.0.1 only (see harness.ts); the last test checks nothing else was asked for.
// The console must be built first (`npm run build`; `npm test` does): without console/dist these
// tests fail, they do not skip; without Chromium they are skipped with the reason (chromiumMissing). Alone:
//   npm run build && node --import tsx --test --test-reporter=spec test/console/*.test.ts
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import type { TestServer } from '../api/server.ts';
import {
  assertConsoleBuilt, chromiumMissing, clearFailureScreenshots, describeTopology, launchChromium, openConsole, openGuardedPage, REPO, screenshot, startConsoleServer,
  TUTORIAL_LAB, WAIT_MS, waitFor, waitForNone, type GuardedPage,
} from './harness.ts';
import type { DomElement, InPage } from './dom.ts';

const BROKEN_LAB = path.join(REPO, 'labs', 'broken', 'missing-route-rule.yaml');
const HUB_LAB = path.join(REPO, 'labs', 'hub-and-spoke.yaml');
/** The boxes dagre places (everything else is nested inside a VCN or VNet). */
const OUTER_KINDS = ['oci.Vcn', 'oci.Drg', 'oci.VirtualCircuit', 'azure.ExpressRouteCircuit', 'azure.VirtualNetworkGateway', 'azure.VirtualNetwork'];
const BROKEN_CODE = 'MISSING_ROUTE_RULE';

interface ApiNode { id: string; kind: string; label: string; state: string }
interface ApiEdge { id: string; kind: string; state: string; path?: string }
interface ApiHop { kind: string; name: string }
interface ApiTrace { verdict: string; hops: ApiHop[]; returnPath?: { hops: ApiHop[] } }
interface Drawn { id: string; kind: string; state: string; path: string; traced: string; text: string }

const TOPOLOGY = '[data-testid="topology"]';
const NODE = `${TOPOLOGY} [data-testid="node"]`;
const EDGE = `${TOPOLOGY} [data-testid="edge"]`;
const link = (path: 'Primary' | 'Secondary', extra = '') => `${EDGE}[data-kind="link"][data-path="${path}"]${extra}`;

/** Every node or edge drawn in the page's topology, with its test attributes. */
async function drawn(page: Page, selector: string): Promise<Drawn[]> {
  return page.locator(selector).evaluateAll((els: DomElement[]) =>
    els.map((el) => {
      const d = el.dataset;
      return { id: d.id ?? '', kind: d.kind ?? '', state: d.state ?? '', path: d.path ?? '', traced: d.traced ?? '', text: el.textContent ?? '' };
    }),
  );
}

/** Selects the option of a <select> whose value or label matches (the contract names the control, not its values). */
async function selectMatching(select: Locator, pattern: RegExp): Promise<void> {
  const options = await select.locator('option').evaluateAll((els: DomElement[]) => els.map((o) => ({ value: o.value ?? '', label: o.textContent ?? '' })));
  const hit = options.find((o) => pattern.test(o.value) || pattern.test(o.label));
  assert.ok(hit, `no option matching ${pattern} in ${JSON.stringify(options)}`);
  await select.selectOption(hit.value);
}

/** Waits until some element matching `selector` has text matching `pattern`. */
async function waitForText(page: Page, selector: string, pattern: RegExp, what: string, shot: string): Promise<void> {
  try {
    await page.waitForFunction(
      ({ sel, source, flags }) => [...(globalThis as unknown as InPage).document.querySelectorAll(sel)].some((el) => new RegExp(source, flags).test(el.textContent ?? '')),
      { sel: selector, source: pattern.source, flags: pattern.flags },
      { timeout: WAIT_MS, polling: 50 },
    );
  } catch {
    const file = await screenshot(page, `failed-${shot}`);
    const texts = await page.locator(selector).allTextContents();
    throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what} (${selector} with text ${pattern}); screenshot ${file}; the page showed:\n${texts.join('\n')}`);
  }
}

/** Runs a trace in the Trace view and waits for a result whose forward hops match `expectHop`. */
async function runTrace(page: Page, from: string, to: string, expectHop: RegExp, shot: string): Promise<{ verdict: string; forward: string[]; back: string[] }> {
  await page.getByTestId('nav-trace').click();
  await page.getByTestId('trace-from').fill(from);
  await page.getByTestId('trace-to').fill(to);
  await selectMatching(page.getByTestId('trace-protocol'), /^icmp$/i);
  await page.getByTestId('trace-run').click();
  await waitFor(page, '[data-testid="trace-result"][data-verdict]', 'a trace result with a verdict', { shot });
  // A result from an earlier trace may still be on screen: wait for the hop that tells this one apart.
  await waitForText(page, '[data-testid="trace-hop"][data-direction="forward"]', expectHop, `a forward hop matching ${expectHop}`, shot);
  const verdict = (await page.getByTestId('trace-result').getAttribute('data-verdict')) ?? '';
  const forward = await page.locator('[data-testid="trace-hop"][data-direction="forward"]').allTextContents();
  const back = await page.locator('[data-testid="trace-hop"][data-direction="return"]').allTextContents();
  return { verdict, forward, back };
}

describeWithTool('web console in headless Chromium', chromiumMissing(), () => {
  let tutorial: TestServer | undefined;
  let broken: TestServer | undefined;
  let hub: TestServer | undefined;
  let browser: Browser | undefined;
  let main: GuardedPage;
  const pages: GuardedPage[] = [];

  before(async () => {
    assertConsoleBuilt();
    clearFailureScreenshots();
    browser = await launchChromium();
    tutorial = await startConsoleServer(TUTORIAL_LAB);
    main = await openGuardedPage(browser);
    pages.push(main);
  });
  after(async () => {
    if (tutorial !== undefined) await tutorial.api('DELETE', '/drills').catch(() => undefined);
    for (const p of pages) await p.context.close().catch(() => undefined);
    await browser?.close();
    await tutorial?.close();
    await broken?.close();
    await hub?.close();
  });

  const api = () => {
    assert.ok(tutorial);
    return tutorial;
  };

  void it('(a) the topology shows both VMs and both links up, as GET /topology has them', { timeout: 60_000 }, async () => {
    const { page } = main;
    await openConsole(page, api().adminUrl, '#/topology');
    await waitFor(page, `${NODE}[data-kind="oci.Instance"]`, 'the OCI VM node', { shot: 'a-topology' });
    await waitFor(page, `${NODE}[data-kind="azure.VirtualMachine"]`, 'the Azure VM node', { shot: 'a-topology' });
    await waitFor(page, link('Primary', '[data-state="up"]'), 'the primary link, up', { shot: 'a-topology' });
    await waitFor(page, link('Secondary', '[data-state="up"]'), 'the secondary link, up', { shot: 'a-topology' });
    await screenshot(page, 'a-topology');

    const nodes = await drawn(page, NODE);
    const edges = await drawn(page, EDGE);
    const vms = nodes.filter((n) => n.kind === 'oci.Instance' || n.kind === 'azure.VirtualMachine');
    assert.deepEqual(vms.map((n) => [n.kind, n.state]).sort(), [['azure.VirtualMachine', 'up'], ['oci.Instance', 'up']], await describeTopology(page));
    assert.match(vms.find((n) => n.kind === 'oci.Instance')?.text ?? '', /vm-oci/);
    assert.match(vms.find((n) => n.kind === 'azure.VirtualMachine')?.text ?? '', /vm-azure/);
    assert.deepEqual(edges.filter((e) => e.kind === 'link').map((e) => [e.path, e.state]).sort(), [['Primary', 'up'], ['Secondary', 'up']]);

    // The drawing is the API's topology: every node and edge, each in its state.
    const r = await api().api('GET', '/topology');
    assert.equal(r.status, 200, r.text);
    const topo = r.body as { nodes: ApiNode[]; edges: ApiEdge[] };
    assert.deepEqual(nodes.map((n) => [n.id, n.kind, n.state]).sort(), topo.nodes.map((n) => [n.id, n.kind, n.state]).sort(), 'the nodes drawn are those of GET /topology');
    assert.deepEqual(edges.map((e) => [e.id, e.kind, e.state]).sort(), topo.edges.map((e) => [e.id, e.kind, e.state]).sort(), 'the edges drawn are those of GET /topology');

    // Clicking a node opens its details.
    await page.locator(`${NODE}[data-kind="oci.Instance"]`).first().click();
    await waitForText(page, '[data-testid="details"]', /vm-oci/, 'the details of vm-oci', 'a-details');
    await screenshot(page, 'a-details');
  });

  void it('(b) a trace from vm-oci to vm-azure (icmp) is delivered, hop by hop, drawn on the topology', { timeout: 60_000 }, async () => {
    const { page } = main;
    const expected = (await api().api('POST', '/trace', { from: 'vm-oci', to: 'vm-azure', protocol: 'icmp' })).body as ApiTrace;
    assert.equal(expected.verdict, 'delivered');
    // Both links carry the prefix (ECMP): the flow hash picks one; the console must show the same.
    const linkHop = expected.hops.find((h) => h.kind === 'link')?.name ?? '';
    assert.match(linkHop, /^(primary|secondary) link$/, JSON.stringify(expected.hops));
    const taken = linkHop.startsWith('primary') ? 'Primary' : 'Secondary';
    const other = taken === 'Primary' ? 'Secondary' : 'Primary';

    const t = await runTrace(page, 'vm-oci', 'vm-azure', new RegExp(linkHop, 'i'), 'b-trace');
    await screenshot(page, 'b-trace');
    assert.equal(t.verdict, 'delivered');
    assert.equal(t.forward.length, expected.hops.length, `one forward hop per hop of POST /trace:\n${t.forward.join('\n')}`);
    assert.equal(t.back.length, expected.returnPath?.hops.length ?? 0, `one return hop per hop of the return path:\n${t.back.join('\n')}`);
    expected.hops.forEach((h, i) => {
      assert.ok(t.forward[i]?.includes(h.name), `forward hop ${i + 1} names ${h.name}: ${t.forward[i] ?? '(none)'}`);
    });

    // The path is drawn: both VMs and the link taken are traced, the other link is not.
    const nodes = await drawn(page, NODE);
    const edges = await drawn(page, EDGE);
    const traced = (d: Drawn | undefined) => d !== undefined && ['forward', 'return', 'both'].includes(d.traced);
    assert.ok(traced(nodes.find((n) => n.kind === 'oci.Instance')), `vm-oci is on the path:\n${await describeTopology(page)}`);
    assert.ok(traced(nodes.find((n) => n.kind === 'azure.VirtualMachine')), 'vm-azure is on the path');
    const used = edges.find((e) => e.kind === 'link' && e.path === taken);
    assert.ok(used !== undefined && ['forward', 'both'].includes(used.traced), `the ${taken} link carries the forward flow:\n${await describeTopology(page)}`);
    assert.ok(!['forward', 'both'].includes(edges.find((e) => e.kind === 'link' && e.path === other)?.traced ?? ''), `the ${other} link carries no forward traffic`);
  });

  void it('(c) the link-down drill on the primary path takes that link down and the trace moves to the secondary', { timeout: 90_000 }, async () => {
    const { page } = main;
    await page.getByTestId('nav-drills').click();
    await waitFor(page, '[data-testid="drill-start-link-down"]', 'the link-down drill button', { shot: 'c-drills' });
    await selectMatching(page.getByTestId('drill-path'), /^primary$/i);
    await screenshot(page, 'c-drills-before');
    await page.getByTestId('drill-start-link-down').click();
    await waitFor(page, '[data-testid="drill-active"][data-kind="link-down"]', 'the active link-down drill', { shot: 'c-drill-active' });
    await screenshot(page, 'c-drill-active');
    const running = (await api().api('GET', '/drills')).body as { drills: { kind: string; path?: string }[] };
    assert.deepEqual(running.drills.map((d) => [d.kind, d.path]), [['link-down', 'primary']], 'the console started one link-down drill on the primary path');

    await page.getByTestId('nav-topology').click();
    await waitFor(page, link('Primary', '[data-state="down"]'), 'the primary link to turn down', { shot: 'c-topology-down' });
    await waitFor(page, link('Secondary', '[data-state="up"]'), 'the secondary link to stay up', { shot: 'c-topology-down' });
    await screenshot(page, 'c-topology-primary-down');

    const t = await runTrace(page, 'vm-oci', 'vm-azure', /secondary link/i, 'c-trace');
    await screenshot(page, 'c-trace-secondary');
    assert.equal(t.verdict, 'delivered', 'the secondary link still carries the flow');
    assert.ok(!t.forward.some((h) => /primary link/i.test(h)), `the flow no longer takes the primary link:\n${t.forward.join('\n')}`);
    const edges = await drawn(page, EDGE);
    const secondary = edges.find((e) => e.kind === 'link' && e.path === 'Secondary');
    assert.ok(secondary !== undefined && ['forward', 'both'].includes(secondary.traced), `the secondary link is drawn on the path:\n${await describeTopology(page)}`);
    assert.ok(!['forward', 'both'].includes(edges.find((e) => e.kind === 'link' && e.path === 'Primary')?.traced ?? ''), 'the primary link carries no forward traffic');

    await page.getByTestId('nav-drills').click();
    await page.getByTestId('drill-stop').click();
    await waitForNone(page, '[data-testid="drill-active"]', 'the stopped drill', 'c-drill-stopped');
    await screenshot(page, 'c-drill-stopped');
    assert.deepEqual(((await api().api('GET', '/drills')).body as { drills: unknown[] }).drills, [], 'no drill runs any more');
    await page.getByTestId('nav-topology').click();
    await waitFor(page, link('Primary', '[data-state="up"]'), 'the primary link to come back up', { shot: 'c-topology-restored' });
    await screenshot(page, 'c-topology-restored');
  });

  void it('(d) a broken lab shows its doctor finding', { timeout: 60_000 }, async () => {
    assert.ok(browser);
    broken = await startConsoleServer(BROKEN_LAB);
    const expected = (await broken.api('GET', '/doctor')).body as { findings: { code: string; severity: string }[] };
    assert.ok(expected.findings.some((f) => f.code === BROKEN_CODE && f.severity === 'error'), JSON.stringify(expected));
    const g = await openGuardedPage(browser);
    pages.push(g);
    await g.page.goto(`${broken.adminUrl}/#/doctor`, { timeout: WAIT_MS });
    await waitFor(g.page, `[data-testid="finding"][data-code="${BROKEN_CODE}"][data-severity="error"]`, `the ${BROKEN_CODE} finding`, { shot: 'd-doctor' });
    await screenshot(g.page, 'd-doctor');
    const shown = await g.page.getByTestId('finding').evaluateAll((els: DomElement[]) => els.map((el) => `${el.dataset.severity ?? ''} ${el.dataset.code ?? ''}`));
    assert.deepEqual(shown.sort(), expected.findings.map((f) => `${f.severity} ${f.code}`).sort(), 'the view lists exactly the findings of GET /doctor');
    const text = (await g.page.locator(`[data-testid="finding"][data-code="${BROKEN_CODE}"]`).textContent()) ?? '';
    assert.match(text, /rt-oci/, 'the finding names the route table to fix');
  });

  void it('(e) the events timeline updates live', { timeout: 60_000 }, async () => {
    const { page } = main;
    await page.getByTestId('nav-events').click();
    await waitFor(page, '[data-testid="event"]', 'the event log', { shot: 'e-events' });
    const before = await page.getByTestId('event').count();
    const started = await api().api('POST', '/drills', { kind: 'bgp-reset', path: 'secondary' });
    assert.equal(started.status, 201, started.text);
    await waitFor(page, '[data-testid="event"]', 'a new event pushed by the server', { count: before + 1, shot: 'e-events-live' });
    await screenshot(page, 'e-events-live');
    assert.ok(main.requests.some((u) => new URL(u).pathname === '/fastroute/v1/events/stream'), 'the console listens to the server-sent event stream');
    assert.equal((await api().api('DELETE', '/drills')).status, 200);
  });

  void it('(f) a hub-and-spoke lab reads clearly: every element drawn, OCI left of Azure, no box over another', { timeout: 60_000 }, async () => {
    assert.ok(browser);
    hub = await startConsoleServer(HUB_LAB);
    const expected = (await hub.api('GET', '/topology')).body as { nodes: ApiNode[]; edges: ApiEdge[] };
    const g = await openGuardedPage(browser);
    pages.push(g);
    await g.page.goto(`${hub.adminUrl}/#/topology`, { timeout: WAIT_MS });
    await waitFor(g.page, NODE, 'every node of the hub-and-spoke lab', { count: expected.nodes.length, shot: 'f-hub-and-spoke' });
    await screenshot(g.page, 'f-hub-and-spoke');
    const nodes = await drawn(g.page, NODE);
    assert.deepEqual(nodes.map((n) => `${n.id} ${n.state}`).sort(), expected.nodes.map((n) => `${n.id} ${n.state}`).sort());
    assert.equal((await drawn(g.page, EDGE)).length, expected.edges.length);
    const boxes = await g.page.locator(NODE).evaluateAll((els: DomElement[], kinds: string[]) =>
      els.filter((el) => kinds.includes(el.dataset.kind ?? '')).map((el) => {
        const r = el.getBoundingClientRect();
        return { kind: el.dataset.kind ?? '', id: el.dataset.id ?? '', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }), OUTER_KINDS);
    const oci = boxes.filter((b) => b.kind.startsWith('oci.'));
    const azure = boxes.filter((b) => b.kind.startsWith('azure.'));
    assert.ok(oci.length >= 5 && azure.length >= 5, JSON.stringify(boxes));
    assert.ok(Math.max(...oci.map((b) => b.right)) < Math.min(...azure.map((b) => b.left)), 'every OCI box is left of every Azure box');
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        assert.ok(!overlap, `${a.kind} ${a.id} overlaps ${b.kind} ${b.id}`);
      }
    }
  });

  void it('loads nothing from outside 127.0.0.1, throws no uncaught error and breaks no CSP rule', () => {
    for (const p of pages) {
      assert.deepEqual(p.blocked, [], 'requests beyond 127.0.0.1 (blocked by the harness)');
      assert.deepEqual(p.pageErrors, [], 'uncaught exceptions in the page');
      assert.deepEqual(p.consoleErrors.filter((m) => /Content Security Policy/i.test(m)), [], 'nothing the Content-Security-Policy refused');
    }
  });
});

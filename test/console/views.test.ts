// The console's views as a user sees them on a 1600×1000 screen, in Debian's headless Chromium,
// against a real FastRoute on a lab with two interconnects: the topology (labels apart, text uncut,
// fitted, pan and zoom that hold through a live update), the Interconnect view, the Routes view,
// the Drills view's single stop action and the Events view's columns. Every check is made on the
// page's own geometry (bounding boxes, scrollWidth against clientWidth), and every step leaves a
// screenshot in test-artifacts/console/ (git-ignored). The console must be built first.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../api/server.ts';
import {
  assertConsoleBuilt, launchChromium, openConsole, openGuardedPage, REPO, screenshot, startConsoleServer, TUTORIAL_LAB, waitFor, WAIT_MS, type GuardedPage,
} from './harness.ts';
import type { InPage } from './dom.ts';

const TWO_INTERCONNECTS = path.join(REPO, 'labs', 'broken', 'transit-between-circuits.yaml');
const SCREEN = { width: 1600, height: 1000 };

interface Rect { left: number; top: number; right: number; bottom: number }
/** The in-page shapes used below (the root tsconfig has no DOM lib; see dom.ts). */
interface El {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  tagName: string;
  scrollWidth: number;
  clientWidth: number;
  getBoundingClientRect(): Rect;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El> & Iterable<El>;
}
interface Doc { document: { querySelectorAll(sel: string): ArrayLike<El> & Iterable<El>; documentElement: El }; innerWidth: number }

const overlap = (a: Rect, b: Rect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const within = (inner: Rect, outer: Rect, slack = 0.5) =>
  inner.left >= outer.left - slack && inner.top >= outer.top - slack && inner.right <= outer.right + slack && inner.bottom <= outer.bottom + slack;

/** Elements matching `selector` whose content is wider than their box (cut by overflow or ellipsis). */
async function cutText(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => [...(globalThis as unknown as Doc).document.querySelectorAll(sel)]
    .filter((el) => el.scrollWidth > el.clientWidth + 1)
    .map((el) => `${el.tagName} "${el.textContent ?? ''}" (${el.scrollWidth} > ${el.clientWidth})`), selector);
}

/** The page's width beyond the window (a horizontal scrollbar), in pixels. */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const g = globalThis as unknown as Doc;
    return g.document.documentElement.scrollWidth - g.innerWidth;
  });
}

interface NodeText { id: string; kind: string; box: Rect; texts: { text: string; rect: Rect }[] }

async function nodeTexts(page: Page): Promise<NodeText[]> {
  return page.evaluate(() => [...(globalThis as unknown as Doc).document.querySelectorAll('[data-testid="topology"] [data-testid="node"]')].map((g) => ({
    id: g.dataset.id ?? '',
    kind: g.dataset.kind ?? '',
    box: (g.querySelector(':scope > rect.box') as El).getBoundingClientRect(),
    texts: [...g.querySelectorAll(':scope > text')].map((t) => ({ text: t.textContent ?? '', rect: t.getBoundingClientRect() })),
  })));
}

/** Every box's text is uncut and inside its box; returns the nodes. */
async function assertTextsFit(page: Page, shot: string): Promise<NodeText[]> {
  const nodes = await nodeTexts(page);
  for (const n of nodes) {
    for (const t of n.texts) {
      assert.ok(!t.text.endsWith('…'), `${n.kind} ${n.id}: "${t.text}" is cut (${shot})`);
      assert.ok(within(t.rect, n.box), `${n.kind}: "${t.text}" ${JSON.stringify(t.rect)} spills out of its box ${JSON.stringify(n.box)} (${shot})`);
    }
  }
  return nodes;
}

/** The links' labels, checked to be apart from one another; returns them. */
async function linkLabelsApart(page: Page, shot: string): Promise<{ text: string; rect: Rect }[]> {
  const labels = await page.locator('[data-testid="edge"][data-kind="link"] .edge-label').evaluateAll((els: El[]) =>
    els.map((el) => ({ text: el.textContent ?? '', rect: el.getBoundingClientRect() })));
  for (const [i, a] of labels.entries()) {
    for (const b of labels.slice(i + 1)) assert.ok(!overlap(a.rect, b.rect), `labels "${a.text}" and "${b.text}" overlap (${shot})`);
  }
  return labels;
}

async function rectOf(page: Page, selector: string): Promise<Rect> {
  const r = await page.locator(selector).first().evaluate((el: El) => {
    const b = el.getBoundingClientRect();
    return { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
  });
  return r;
}

const scaleOf = async (page: Page) => Number(await page.getByTestId('topology').getAttribute('data-scale'));

/** A FastRoute on `lab` and a 1600×1000 page in Chromium for the tests of the enclosing describe block. */
function consoleOn(lab: string): { guarded: () => GuardedPage; api: () => TestServer } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let g: GuardedPage | undefined;
  before(async () => {
    assertConsoleBuilt();
    browser = await launchChromium();
    server = await startConsoleServer(lab);
    g = await openGuardedPage(browser, SCREEN);
  });
  after(async () => {
    await server?.api('DELETE', '/drills').catch(() => undefined);
    await g?.context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });
  return {
    guarded: () => {
      assert.ok(g);
      return g;
    },
    api: () => {
      assert.ok(server);
      return server;
    },
  };
}

void describe('console views on a 1600×1000 screen, two interconnects', () => {
  const { guarded, api } = consoleOn(TWO_INTERCONNECTS);

  void it('topology: link labels apart, every box\'s text uncut and inside it, the drawing fitted to the canvas', { timeout: 60_000 }, async () => {
    const { page } = guarded();
    await openConsole(page, api().adminUrl, '#/topology');
    await waitFor(page, '[data-testid="edge"][data-kind="link"][data-state="up"]', 'the four links, up', { count: 4, shot: 'views-topology' });
    const shot = await screenshot(page, 'views-topology-two-interconnects');

    assert.equal((await linkLabelsApart(page, shot)).length, 4, 'one label per link');

    const nodes = await assertTextsFit(page, shot);
    const circuits = nodes.filter((n) => n.kind === 'azure.ExpressRouteCircuit');
    assert.equal(circuits.length, 2);
    for (const c of circuits) assert.deepEqual(c.texts.slice(-2).map((t) => t.text), ['Succeeded', 'provider Provisioned'], 'both of the circuit\'s states, in full');

    // Fitted: the whole drawing inside the canvas, filling its width or its height.
    const canvas = await rectOf(page, '[data-testid="topology"]');
    const drawing = await rectOf(page, '[data-testid="topology-view"]');
    assert.ok(within(drawing, canvas, 1), `the drawing ${JSON.stringify(drawing)} lies inside the canvas ${JSON.stringify(canvas)}`);
    const fillW = (drawing.right - drawing.left) / (canvas.right - canvas.left);
    const fillH = (drawing.bottom - drawing.top) / (canvas.bottom - canvas.top);
    assert.ok(fillW > 0.95 || fillH > 0.9, `the drawing uses the canvas (width ${fillW.toFixed(2)}, height ${fillH.toFixed(2)})`);
    assert.ok(canvas.bottom <= SCREEN.height && canvas.bottom > SCREEN.height - 60, `the canvas takes the window down to its bottom (${canvas.bottom})`);
    assert.equal(await horizontalOverflow(page), 0, 'no horizontal scrollbar');
  });

  void it('topology: wheel zooms at the pointer, a drag pans, and both hold through a live update; Fit restores', { timeout: 60_000 }, async () => {
    const { page } = guarded();
    const fitted = await scaleOf(page);
    const vm = '[data-testid="node"][data-kind="azure.VirtualMachine"]';
    const canvas = await rectOf(page, '[data-testid="topology"]');
    await page.mouse.move((canvas.left + canvas.right) / 2, (canvas.top + canvas.bottom) / 2);
    await page.mouse.wheel(0, -300);
    await page.waitForFunction((k) => Number((globalThis as unknown as Doc).document.querySelectorAll('[data-testid="topology"]')[0]?.dataset.scale) > k, fitted, { timeout: WAIT_MS });
    const zoomed = await scaleOf(page);
    assert.ok(zoomed > fitted * 1.2, `the wheel zoomed in (${fitted} → ${zoomed})`);

    const before = await rectOf(page, vm);
    await page.mouse.move(canvas.left + 200, canvas.top + 200);
    await page.mouse.down();
    await page.mouse.move(canvas.left + 260, canvas.top + 160, { steps: 4 });
    await page.mouse.up();
    const panned = await rectOf(page, vm);
    assert.ok(Math.abs(panned.left - before.left - 60) < 1 && Math.abs(panned.top - before.top + 40) < 1, `the drag moved the drawing by (60, -40): ${JSON.stringify(before)} → ${JSON.stringify(panned)}`);
    assert.equal(await page.locator('[data-testid="details"]').count(), 0, 'ending a drag selects nothing');
    await screenshot(page, 'views-topology-zoomed-panned');

    // A live update (a link goes down): same zoom, same place.
    const started = await api().api('POST', '/drills', { kind: 'link-down', path: 'primary', interconnect: 'vc-azure' });
    assert.equal(started.status, 201, started.text);
    await waitFor(page, '[data-testid="edge"][data-kind="link"][data-state="down"]', 'the primary link of vc-azure to go down', { shot: 'views-live-update' });
    assert.equal(await scaleOf(page), zoomed, 'the zoom holds through the update');
    assert.deepEqual(await rectOf(page, vm), panned, 'the drawing has not moved');
    await screenshot(page, 'views-topology-live-update');
    assert.equal((await api().api('DELETE', '/drills')).status, 200);

    await page.getByTestId('topology-fit').click();
    assert.equal(await scaleOf(page), fitted, 'Fit goes back to the fitted scale');
    await page.getByTestId('topology-zoom-in').click();
    assert.ok((await scaleOf(page)) > fitted, 'the + button zooms in');
    await page.getByTestId('topology-fit').click();
  });

  void it('interconnect view: both interconnects, their sessions up, nothing cut or overlapping', { timeout: 60_000 }, async () => {
    const { page } = guarded();
    await page.getByTestId('nav-interconnect').click();
    await waitFor(page, '[data-testid="interconnect"]', 'both interconnect cards', { count: 2, shot: 'views-interconnect' });
    await waitFor(page, '[data-testid="bgp-session"]', 'two BGP sessions per interconnect', { count: 4, shot: 'views-interconnect' });
    await waitFor(page, '[data-testid="circuit-path"]', 'both device paths of both circuits', { count: 4, shot: 'views-interconnect' });
    const shot = await screenshot(page, 'views-interconnect');

    const names = await page.getByTestId('interconnect').evaluateAll((els: El[]) => els.map((el) => el.dataset.name ?? ''));
    assert.deepEqual(names.sort(), ['vc-azure', 'vc-azure-2'], 'one card per virtual circuit');
    const states = await page.getByTestId('bgp-session').evaluateAll((rows: El[]) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent ?? '').join(' ')));
    assert.deepEqual(states.sort(), ['primary UP', 'primary UP', 'secondary UP', 'secondary UP'], 'every session is up');

    assert.deepEqual(await cutText(page, '[data-testid="interconnect"] :is(h3, dt, dd, td, th, p)'), [], `no text cut (${shot})`);
    assert.equal(await horizontalOverflow(page), 0, `no horizontal scrollbar (${shot})`);
    const blocks = await page.locator('[data-testid="interconnect"], [data-testid="interconnect"] .facts, [data-testid="circuit-path"]').evaluateAll((els: El[]) =>
      els.map((el) => ({ what: `${el.tagName}.${el.dataset.testid ?? ''}${el.dataset.path ?? ''}`, rect: el.getBoundingClientRect(), card: el.dataset.testid === 'interconnect' })));
    // Cards apart from each other; within them, the fact lists and the device paths apart too.
    for (const [i, a] of blocks.entries()) {
      for (const b of blocks.slice(i + 1)) {
        if (a.card === b.card) assert.ok(!overlap(a.rect, b.rect), `${a.what} overlaps ${b.what} (${shot})`);
      }
    }
  });

  void it('routes view: the circuit\'s route and ARP tables, then an Azure VM\'s effective routes, filtered, nothing cut', { timeout: 60_000 }, async () => {
    const { page } = guarded();
    await page.getByTestId('nav-routes').click();
    const target = page.getByTestId('routes-target');
    await waitFor(page, '[data-testid="routes-target"] option', 'the route targets', { shot: 'views-routes' });
    const options = await target.locator('option').evaluateAll((els: El[]) => els.map((o) => ({ value: (o as unknown as { value: string }).value, label: o.textContent ?? '' })));
    const circuit = options.find((o) => o.label === 'er-oci-azure · primary');
    const vm = options.find((o) => o.label === 'vm-azure');
    assert.ok(circuit && vm, JSON.stringify(options));

    await target.selectOption(circuit.value);
    await waitFor(page, '.routes [data-testid="circuit-path"] [data-testid="arp"]', 'the circuit path\'s ARP table', { shot: 'views-routes-circuit' });
    const shotCircuit = await screenshot(page, 'views-routes-circuit');
    const circuitRoutes = await page.locator('.routes [data-testid="route"]').allTextContents();
    assert.ok(circuitRoutes.some((r) => r.startsWith('10.10.10.0/24')), `the circuit learns the OCI subnet from Oracle:\n${circuitRoutes.join('\n')}`);
    assert.deepEqual(await cutText(page, '.routes :is(h3, h4, h5, td, th)'), [], `no text cut (${shotCircuit})`);

    await target.selectOption(vm.value);
    await page.waitForFunction(() => [...(globalThis as unknown as InPage).document.querySelectorAll('.routes h3')].some((h) => /Effective routes of vm-azure\b/.test(h.textContent ?? '')), undefined, { timeout: WAIT_MS });
    const all = await page.locator('.routes [data-testid="route"]').count();
    await page.getByTestId('routes-filter').fill('10.10.10.0/24');
    await page.waitForFunction((n) => (globalThis as unknown as InPage).document.querySelectorAll('.routes [data-testid="route"]').length < n, all, { timeout: WAIT_MS });
    const filtered = await page.locator('.routes [data-testid="route"]').allTextContents();
    const shotVm = await screenshot(page, 'views-routes-vm-filtered');
    assert.ok(filtered.length >= 1 && filtered.every((r) => r.includes('10.10.10.0/24')), `the filter keeps the OCI subnet's route only:\n${filtered.join('\n')}`);
    assert.ok(filtered.some((r) => /VirtualNetworkGateway/.test(r)), 'learned through the gateway');
    assert.deepEqual(await cutText(page, '.routes :is(h3, td, th)'), [], `no text cut (${shotVm})`);
    assert.equal(await horizontalOverflow(page), 0, `no horizontal scrollbar (${shotVm})`);
    await page.getByTestId('routes-filter').fill('');
  });

  void it('drills view: one stop action per situation; events view: # and due-at columns, newest first by #', { timeout: 60_000 }, async () => {
    const { page } = guarded();
    await page.getByTestId('nav-drills').click();
    await waitFor(page, '[data-testid="drill-start-bgp-reset"]', 'the drill buttons', { shot: 'views-drills' });
    const stopButtons = () => page.locator('button').filter({ hasText: /stop/i }).allTextContents();
    assert.deepEqual(await stopButtons(), [], 'no stop button while nothing runs');
    assert.equal((await api().api('POST', '/drills', { kind: 'link-down', path: 'secondary', interconnect: 'vc-azure' })).status, 201);
    await waitFor(page, '[data-testid="drill-active"]', 'the running drill', { shot: 'views-drills-one' });
    assert.deepEqual(await stopButtons(), ['Stop drill'], 'one drill, one stop button');
    await screenshot(page, 'views-drills-one');
    assert.equal((await api().api('POST', '/drills', { kind: 'link-down', path: 'secondary', interconnect: 'vc-azure-2' })).status, 201);
    await waitFor(page, '[data-testid="drill-active"]', 'both running drills', { count: 2, shot: 'views-drills-two' });
    assert.deepEqual((await stopButtons()).sort(), ['Stop all 2 drills', 'Stop this drill', 'Stop this drill'], 'two drills: one each, and one for all');
    await screenshot(page, 'views-drills-two');
    await page.getByTestId('drill-stop').click();
    await page.waitForFunction(() => (globalThis as unknown as InPage).document.querySelectorAll('[data-testid="drill-active"]').length === 0, undefined, { timeout: WAIT_MS });

    await page.getByTestId('nav-events').click();
    await waitFor(page, '[data-testid="event"]', 'the event log', { count: 10, shot: 'views-events' });
    const shot = await screenshot(page, 'views-events');
    const headers = await page.locator('table.timeline th').allTextContents();
    assert.deepEqual(headers.slice(0, 2), ['#', 'due at (world clock)'], 'the order and the time are two named columns');
    const seqs = await page.getByTestId('event').evaluateAll((els: El[]) => els.map((el) => Number(el.dataset.seq)));
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first by #');
    const first = await page.getByTestId('event').first().locator('td').allTextContents();
    assert.match(first[0] ?? '', /^#\d+$/);
    assert.match(first[1] ?? '', /^\d\d:\d\d:\d\d\.\d{3}$/);
    assert.deepEqual(await cutText(page, 'table.timeline :is(th, td.ev-seq, td.ev-time)'), [], `the # and time columns are not cut (${shot})`);
    assert.equal(await horizontalOverflow(page), 0, `no horizontal scrollbar (${shot})`);
    assert.deepEqual(guarded().pageErrors, [], 'no uncaught error in the page');
    assert.deepEqual(guarded().blocked, [], 'nothing asked for beyond 127.0.0.1');
  });
});

/** The bounding box of every drawn node, and the share of the canvas it covers. */
async function nodesCover(page: Page): Promise<{ nodes: Rect; canvas: Rect; share: number }> {
  const canvas = await rectOf(page, '[data-testid="topology"]');
  const boxes = (await nodeTexts(page)).map((n) => n.box);
  const nodes = {
    left: Math.min(...boxes.map((b) => b.left)), top: Math.min(...boxes.map((b) => b.top)),
    right: Math.max(...boxes.map((b) => b.right)), bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
  const area = (r: Rect) => (r.right - r.left) * (r.bottom - r.top);
  return { nodes, canvas, share: area(nodes) / area(canvas) };
}

void describe('console topology on a 1600×1000 screen, the tutorial (one interconnect, a wide row)', () => {
  const { guarded, api } = consoleOn(TUTORIAL_LAB);

  void it('Azure is drawn below OCI so that the drawing covers at least half the canvas; nothing cut, labels apart; a live update moves nothing', { timeout: 60_000 }, async () => {
    const { page } = guarded();
    await openConsole(page, api().adminUrl, '#/topology');
    await waitFor(page, '[data-testid="edge"][data-kind="link"][data-state="up"]', 'both links, up', { count: 2, shot: 'views-tutorial' });
    const shot = await screenshot(page, 'views-topology-tutorial');
    assert.equal(await page.getByTestId('topology').getAttribute('data-arrangement'), 'bands', 'the wide tutorial is drawn in two bands');

    const { nodes, canvas, share } = await nodesCover(page);
    assert.ok(within(nodes, canvas, 1), `every node lies inside the canvas (${shot})`);
    assert.ok(share >= 0.5, `the drawn nodes cover ${(share * 100).toFixed(1)}% of the ${canvas.right - canvas.left}×${canvas.bottom - canvas.top} canvas, at least half (${shot})`);
    const labels = await linkLabelsApart(page, shot);
    assert.equal(labels.length, 2, 'one label per link');
    const drawn = await assertTextsFit(page, shot);
    for (const l of labels) {
      for (const n of drawn) assert.ok(!overlap(l.rect, n.box), `the label "${l.text}" lies on ${n.kind} ${n.id} (${shot})`);
    }
    assert.equal(await horizontalOverflow(page), 0, 'no horizontal scrollbar');

    // A live update (the primary link goes down): every node stays where it was.
    const where = async () => Object.fromEntries((await nodeTexts(page)).map((n) => [n.id, n.box]));
    const before = await where();
    assert.equal((await api().api('POST', '/drills', { kind: 'link-down', path: 'primary', interconnect: 'vc-azure' })).status, 201);
    await waitFor(page, '[data-testid="edge"][data-kind="link"][data-state="down"]', 'the primary link to go down', { shot: 'views-tutorial-live' });
    await screenshot(page, 'views-topology-tutorial-live-update');
    assert.deepEqual(await where(), before, 'no node has moved');
  });
});

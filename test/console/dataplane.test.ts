// The console's data plane view (#/dataplane) in Debian's headless Chromium against a real FastRoute
// on the tutorial. Down (always): the page says the data plane is not running and why (what brings it
// up, or what this machine lacks), and polls GET /dataplane at a bounded rate. Up (root and the
// tools): the run, what is real on this kernel (tbf) and how the delay is made, a row per link with
// its configured rate and delay, counters that grow on the page while a bounded ping crosses from
// vm-oci to vm-azure inside the namespaces, and a link-down drill's cut link with its drops.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import type { DataplaneStatus, DataplaneUpReport } from '../../src/api/admin/contract.ts';
import { findTool } from '../../src/dataplane/probe.ts';
import { runTool } from '../../src/dataplane/run.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import { dataplaneMissing, inNamespace, namespacesOfRun } from '../dataplane/machine.ts';
import type { TestServer } from '../api/server.ts';
import { assertConsoleBuilt, chromiumMissing, launchChromium, openConsole, openGuardedPage, screenshot, startConsoleServer, TUTORIAL_LAB, waitFor, WAIT_MS, type GuardedPage } from './harness.ts';
import type { InPage } from './dom.ts';

/** vm-azure's address in the tutorial. */
const VM_AZURE = '10.20.10.10';
const PINGS = 10;

interface Shown { what: string; ends: string; packetsAb: number; packetsBa: number; rate: string; delay: string }

/** The link rows as the page shows them (packets from the cells' data attributes, which the text repeats). */
async function shownLinks(page: Page): Promise<Shown[]> {
  return page.locator('[data-testid="dataplane-link"]').evaluateAll((rows: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null; dataset: Record<string, string | undefined> }> }[]) => rows.map((r) => {
    const cells = Array.from(r.querySelectorAll('td'));
    const n = (sel: string) => Number(Array.from(r.querySelectorAll(sel))[0]?.dataset.packets ?? 'NaN');
    const strong = Array.from(r.querySelectorAll('strong'))[0]?.textContent ?? '';
    return { what: strong, ends: (cells[0]?.textContent ?? '').slice(strong.length), packetsAb: n('[data-testid="link-ab"]'), packetsBa: n('[data-testid="link-ba"]'), rate: cells[2]?.textContent ?? '', delay: cells[3]?.textContent ?? '' };
  }));
}

const packets = (rows: Shown[], match: (r: Shown) => boolean): number => rows.filter(match).reduce((n, r) => n + r.packetsAb + r.packetsBa, 0);

function checkClean(g: GuardedPage): void {
  assert.deepEqual(g.blocked, [], 'the page asked for nothing beyond loopback');
  assert.deepEqual(g.pageErrors, [], 'no uncaught error in the page');
}

const noBrowser = chromiumMissing();

/** A server on the tutorial and a browser for the suite, closed after it (then `afterClose`). */
function tutorialConsole(afterClose: () => void = () => undefined): { server: TestServer; browser: Browser } {
  const held = {} as { server: TestServer; browser: Browser };
  before(async () => {
    assertConsoleBuilt();
    held.server = await startConsoleServer(TUTORIAL_LAB);
    held.browser = await launchChromium();
  });
  after(async () => {
    await held.browser.close();
    await held.server.close();
    afterClose();
  });
  return held;
}

describeWithTool('console data plane view, data plane down', noBrowser, () => {
  const t = tutorialConsole();

  void it('says the data plane is not running, with the reason status gives, and polls at a bounded rate', async () => {
    const g = await openGuardedPage(t.browser);
    await openConsole(g.page, t.server.adminUrl, '#/dataplane');
    await waitFor(g.page, '[data-testid="dataplane-down"]', 'the data plane\'s "not running" card');
    const text = await g.page.locator('[data-testid="dataplane-down"]').innerText();
    assert.match(text, /The data plane is not running/);
    const status = (await t.server.api('GET', '/dataplane')).body as DataplaneStatus;
    assert.equal(status.state, 'down');
    if ((status.unavailable ?? []).length === 0) assert.match(text, /fastroute dataplane up/, 'what brings it up');
    else for (const m of status.unavailable ?? []) assert.ok(text.includes(m.what) && text.includes(m.fix), `the page names what this machine lacks: ${m.what}\n${text}`);
    assert.equal(await g.page.locator('[data-testid="dataplane-link"]').count(), 0, 'no link row without a data plane');
    // The view keeps asking (the data plane may come up), but no faster than every 2 s.
    const polls = () => g.requests.filter((u) => new URL(u).pathname === '/fastroute/v1/dataplane').length;
    const first = polls();
    await sleep(5000);
    const more = polls() - first;
    assert.ok(more >= 1 && more <= 3, `${more} GET /dataplane in 5 s: polling, at most every 2 s`);
    await screenshot(g.page, 'dataplane-down');
    checkClean(g);
    await g.context.close();
  });
});

const noDataplane = noBrowser ?? dataplaneMissing() ?? (findTool('tc') === undefined ? 'skipped: tc not found (apt-get install iproute2)' : undefined);

describeWithTool('console data plane view, data plane up (root)', noDataplane, () => {
  let runId = '';
  const t = tutorialConsole(() => {
    assert.deepEqual(namespacesOfRun(runId), [], 'closing the server removed every namespace');
  });

  void it('shows the run, what is real on this kernel, each link\'s rate and delay, and counters that grow under a ping', async () => {
    const up = await t.server.api('POST', '/dataplane', {});
    assert.equal(up.status, 201, up.text);
    const report = up.body as DataplaneUpReport;
    runId = report.status.runId ?? '';
    const status = (await t.server.api('GET', '/dataplane')).body as DataplaneStatus;
    const linkCount = (status.interconnectLinks ?? []).length + (status.otherLinks ?? []).length;
    assert.equal(linkCount, report.status.links, 'the API lists every link the data plane built');

    const g = await openGuardedPage(t.browser);
    await openConsole(g.page, t.server.adminUrl, '#/dataplane');
    await waitFor(g.page, `[data-testid="dataplane-state"][data-state="up"][data-run="${runId}"]`, `the run ${runId}, up`);
    await waitFor(g.page, '[data-testid="dataplane-link"]', 'a row per link', { count: linkCount });

    const real = await g.page.locator('[data-testid="dataplane-real"]').allInnerTexts();
    assert.ok(real.some((r) => /Interconnect rate\s+real\s+tbf at both ends of each link \(1000 Mbit\/s/.test(r)), `tbf is real here:\n${real.join('\n')}`);
    const delay = status.delays[0];
    assert.ok(delay, 'the tutorial\'s links have a region-pair delay');
    const verdict = delay.mechanism === 'netem' ? 'real' : delay.mechanism === 'userspace-link' ? 'emulated' : 'not built';
    assert.ok(real.some((r) => r.startsWith('Delay, interconnect') && r.includes(verdict)), `the delay's mechanism (${delay.mechanism}) reads ${verdict}:\n${real.join('\n')}`);

    const rows0 = await shownLinks(g.page);
    const ics = rows0.filter((r) => r.what.startsWith('interconnect'));
    assert.deepEqual(ics.map((r) => r.what).sort(), ['interconnect primary', 'interconnect secondary']);
    for (const r of ics) {
      assert.match(r.rate, /^1000 Mbit\/s real \(tbf\)$/, `${r.what}'s configured rate`);
      assert.match(r.delay, /^1 ms each way \((netem|userspace-link)\)$|^none$/, `${r.what}'s delay`);
    }
    assert.ok(rows0.some((r) => r.what === 'VNIC' && /vm-oci/.test(r.ends)), `vm-oci's VNIC has a row: ${rows0.map((r) => `${r.what}${r.ends}`).join('; ')}`);

    // A bounded ping inside the namespaces: its echoes cross vm-oci's VNIC and one interconnect link, both ways.
    const isVmOci = (r: Shown) => r.what === 'VNIC' && /vm-oci/.test(r.ends);
    const isIc = (r: Shown) => r.what.startsWith('interconnect');
    const before = { vnic: packets(rows0, isVmOci), ic: packets(rows0, isIc) };
    const vmOci = status.namespaces.find((n) => n.role === 'vm' && n.resourceName === 'vm-oci')?.name ?? assert.fail('vm-oci has a namespace');
    const ping = await inNamespace(vmOci, ['ping', '-c', String(PINGS), '-W', '1', '-i', '0.05', VM_AZURE]);
    assert.match(ping.stdout, new RegExp(` ${PINGS} received`), `ping crosses to vm-azure: ${ping.stdout}${ping.stderr}`);

    // The page reads the counters again within its poll interval; each echo and reply is one packet each way.
    const deadline = Date.now() + WAIT_MS;
    let rows = rows0;
    while (Date.now() < deadline) {
      rows = await shownLinks(g.page);
      if (packets(rows, isVmOci) - before.vnic >= 2 * PINGS && packets(rows, isIc) - before.ic >= 2 * PINGS) break;
      await sleep(250);
    }
    await screenshot(g.page, 'dataplane-up');
    assert.ok(packets(rows, isVmOci) - before.vnic >= 2 * PINGS, `vm-oci's VNIC counters grew by the ping's ${2 * PINGS} packets: ${before.vnic} → ${packets(rows, isVmOci)}`);
    assert.ok(packets(rows, isIc) - before.ic >= 2 * PINGS, `the interconnect links' counters grew by the ping's packets: ${before.ic} → ${packets(rows, isIc)}`);
    const shownText = await g.page.locator('[data-testid="dataplane-link"] [data-testid="link-ab"]').allInnerTexts();
    assert.ok(shownText.some((t) => /^[1-9][\d,]* pkts · /.test(t)), `the counters are on the page as text: ${shownText.join(' | ')}`);

    // A link-down drill on the primary: its row reads down, and frames sent across it show as drops.
    const drill = await t.server.api('POST', '/drills', { kind: 'link-down', path: 'primary' });
    assert.equal(drill.status, 201, drill.text);
    const primary = g.page.locator('[data-testid="dataplane-link"].kind-interconnect-primary');
    await waitFor(g.page, '[data-testid="dataplane-link"].kind-interconnect-primary.invalid', 'the primary\'s row marked down by the drill');
    assert.match(await primary.locator('td').nth(1).innerText(), /DOWN\s+drill/i);
    const dropsOf = async () => Number((await primary.locator('[data-testid="link-drops"]').innerText()).replace(/\D/g, ''));
    const dropsBefore = await dropsOf();
    const [oracleEnd, mseeEnd] = status.interconnectLinks?.find((l) => l.path === 'primary')?.ends ?? [];
    assert.ok(oracleEnd && mseeEnd, 'the primary has two ends');
    const addr = await runTool('ip', ['-n', mseeEnd.ns, '-j', '-4', 'addr', 'show', 'dev', mseeEnd.dev]);
    const peer = (JSON.parse(addr.stdout) as { addr_info: { local: string }[] }[])[0]?.addr_info[0]?.local ?? assert.fail('the primary has an address at Microsoft\'s edge');
    const across = await inNamespace(oracleEnd.ns, ['ping', '-c', '3', '-W', '1', '-i', '0.2', '-I', oracleEnd.dev, peer]);
    assert.notEqual(across.code, 0, 'nothing crosses the cut link');
    await g.page.waitForFunction((n) => Number(((globalThis as unknown as InPage).document.querySelectorAll('[data-testid="dataplane-link"].kind-interconnect-primary [data-testid="link-drops"]')[0]?.textContent ?? '').replace(/\D/g, '')) > n, dropsBefore, { timeout: WAIT_MS, polling: 250 });
    await screenshot(g.page, 'dataplane-link-down');
    assert.equal((await t.server.api('DELETE', '/drills')).status, 200);
    await waitFor(g.page, '[data-testid="dataplane-link"].kind-interconnect-primary:not(.invalid)', 'the primary\'s row up again after the drill');
    checkClean(g);
    await g.context.close();

    // Down again: the open view says so.
    const g2 = await openGuardedPage(t.browser);
    await openConsole(g2.page, t.server.adminUrl, '#/dataplane');
    await waitFor(g2.page, '[data-testid="dataplane-link"]', 'the links before down');
    const down = await t.server.api('DELETE', '/dataplane');
    assert.equal(down.status, 200, down.text);
    await waitFor(g2.page, '[data-testid="dataplane-down"]', 'the "not running" card after down');
    assert.equal(await g2.page.evaluate(() => (globalThis as unknown as InPage).document.querySelectorAll('[data-testid="dataplane-link"]').length), 0);
    checkClean(g2);
    await g2.context.close();
  });
});

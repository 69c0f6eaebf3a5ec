// The console's drawing as pure geometry, on the topologies of real labs (brought up in an in-memory
// engine): boxes never overlap and nest inside their parents; with two interconnects, no two link
// labels overlap and no two links cross; every state is shown uncut; the same lab in other states
// and listed in another order is drawn in exactly the same place; a drawing far wider than the
// screen (the tutorial) is drawn in two bands, Azure below OCI, with the same guarantees; and "fit"
// shows it all on a 1600×1000 screen, scaled by height when the drawing is tall.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { layoutTopology, type TopologyLayout } from '../../console/src/topology/layout.ts';
import { extent } from '../../console/src/topology/bands.ts';
import { at, type Box, overlaps, type Point } from '../../console/src/topology/geometry.ts';
import { leafTextWidth, nodeText } from '../../console/src/topology/text.ts';
import { fitView, MAX_FIT, panBy, zoomAt } from '../../console/src/topology/viewport.ts';
import { buildTopology } from '../../src/topology/topology.ts';
import type { Topology, TopologyNode } from '../../src/topology/types.ts';
import { labEngine } from '../helpers/lab.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const LABS = {
  tutorial: path.join(REPO, 'labs/tutorial.yaml'),
  twoInterconnects: path.join(REPO, 'labs/broken/transit-between-circuits.yaml'),
  hubAndSpoke: path.join(REPO, 'labs/hub-and-spoke.yaml'),
};
/** The canvas of the topology view on a 1600×1000 window (the header and toolbar take the rest). */
const SCREEN = { width: 1560, height: 860 };

async function topologyOf(file: string): Promise<Topology> {
  const { engine } = await labEngine(file);
  return engine.read((view) => buildTopology(view, engine.routing));
}

const label = (l: TopologyLayout, id: string) => l.nodes.find((n) => n.node.id === id)?.node.label ?? id;

/** The drawn curve of an edge as a polyline (each cubic piece sampled). */
function sampled(l: TopologyLayout, id: string, steps = 24): Point[] {
  const e = l.edges.find((x) => x.edge.id === id);
  assert.ok(e, `edge ${id} is drawn`);
  return e.pieces.flatMap((c, i) => Array.from({ length: steps + (i === e.pieces.length - 1 ? 1 : 0) }, (_, s) => at(c, s / steps)));
}

function segmentsCross(p: Point, q: Point, r: Point, s: Point): boolean {
  const cross = (a: Point, b: Point, c: Point) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  const d1 = cross(r, s, p);
  const d2 = cross(r, s, q);
  const d3 = cross(p, q, r);
  const d4 = cross(p, q, s);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

function polylinesCross(a: Point[], b: Point[]): boolean {
  for (let i = 0; i < a.length - 1; i++) {
    for (let j = 0; j < b.length - 1; j++) {
      if (segmentsCross(a[i] as Point, a[i + 1] as Point, b[j] as Point, b[j + 1] as Point)) return true;
    }
  }
  return false;
}

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.01 && inner.y >= outer.y - 0.01 && inner.x + inner.width <= outer.x + outer.width + 0.01 && inner.y + inner.height <= outer.y + outer.height + 0.01;

function assertBoxesReadable(t: Topology, l: TopologyLayout): void {
  assert.equal(l.nodes.length, t.nodes.length, 'every node is drawn');
  const byId = new Map(l.nodes.map((n) => [n.node.id, n]));
  for (const n of l.nodes) {
    assert.ok(inside(n, { x: 0, y: 0, width: l.width, height: l.height }), `${n.node.label} lies inside the drawing`);
    const parent = n.node.parent === undefined ? undefined : byId.get(n.node.parent);
    if (parent) assert.ok(inside(n, parent), `${n.node.label} lies inside its ${parent.node.label}`);
  }
  // Boxes overlap only when one holds the other.
  for (const [i, a] of l.nodes.entries()) {
    for (const b of l.nodes.slice(i + 1)) {
      if (overlaps(a, b)) assert.ok(inside(a, b) || inside(b, a), `${a.node.label} overlaps ${b.node.label}`);
    }
  }
}

/** The same resources in other states, with other words, listed in another order. */
function relisted(t: Topology): Topology {
  const states = ['down', 'provisioning', 'failed', 'up'] as const;
  const nodes = t.nodes.map((n, i): TopologyNode => ({ ...n, state: states[i % states.length] ?? 'up', detail: n.detail.replace(/Succeeded/g, 'Updating') }));
  const edges = t.edges.map((e, i) => ({ ...e, state: states[(i + 1) % states.length] ?? 'up' }));
  return { nodes: [...nodes].reverse(), edges: [...edges.slice(3), ...edges.slice(0, 3)].reverse() };
}

/** The interconnect's links: labels apart and off every box, no two links crossing; returns them. */
function assertLinksApart(l: TopologyLayout, count: number): TopologyLayout['edges'] {
  const links = l.edges.filter((e) => e.edge.kind === 'link');
  assert.equal(links.length, count, 'two links per interconnect');
  for (const [i, a] of links.entries()) {
    assert.ok(a.labelBox, `${a.edge.id} has a label`);
    for (const b of links.slice(i + 1)) {
      assert.ok(b.labelBox);
      assert.ok(!overlaps(a.labelBox, b.labelBox), `${l.arrangement}: the labels of ${a.edge.path} (${label(l, a.edge.from)}) and ${b.edge.path} (${label(l, b.edge.from)}) overlap`);
      assert.ok(!polylinesCross(sampled(l, a.edge.id), sampled(l, b.edge.id)), `${l.arrangement}: ${a.edge.path} of ${label(l, a.edge.from)} crosses ${b.edge.path} of ${label(l, b.edge.from)}`);
    }
    for (const n of l.nodes) assert.ok(!overlaps(a.labelBox, n), `${l.arrangement}: the ${a.edge.path} label lies on ${n.node.label}`);
  }
  return links;
}

void describe('console layout', () => {
  void it('two interconnects: every box readable, link labels apart, links uncrossed, each VC level with its circuit', async () => {
    const t = await topologyOf(LABS.twoInterconnects);
    const l = layoutTopology(t);
    assertBoxesReadable(t, l);
    const links = assertLinksApart(l, 4);
    // Per interconnect, Primary above Secondary, and both labels between their two boxes' rows.
    const vcs = l.nodes.filter((n) => n.node.kind === 'oci.VirtualCircuit');
    assert.equal(vcs.length, 2, 'one virtual circuit per interconnect (the checks below run for each)');
    for (const vc of vcs) {
      const own = links.filter((e) => e.edge.from === vc.node.id);
      const primary = own.find((e) => e.edge.path === 'Primary')?.labelAt;
      const secondary = own.find((e) => e.edge.path === 'Secondary')?.labelAt;
      assert.ok(primary && secondary && primary.y < secondary.y, `${vc.node.label}: Primary is drawn above Secondary`);
      const circuit = l.nodes.find((n) => n.node.id === own[0]?.edge.to);
      assert.ok(circuit);
      assert.ok(Math.abs(circuit.y + circuit.height / 2 - (vc.y + vc.height / 2)) < 1, `${vc.node.label} is level with ${circuit.node.label}`);
      assert.ok(primary.y > vc.y && secondary.y < vc.y + vc.height, `${vc.node.label}: its link labels sit beside it`);
    }
  });

  void it('a drawing far wider than the screen is drawn in two bands, Azure below OCI; others stay in a row', async () => {
    const arranged = async (file: string) => layoutTopology(await topologyOf(file), 'auto').arrangement;
    assert.equal(await arranged(LABS.tutorial), 'bands', 'the tutorial (about 5:1 in a row)');
    assert.equal(await arranged(LABS.twoInterconnects), 'row');
    assert.equal(await arranged(LABS.hubAndSpoke), 'row');
    for (const file of Object.values(LABS)) {
      const t = await topologyOf(file);
      const l = layoutTopology(t, 'bands');
      const name = path.basename(file);
      assert.equal(l.arrangement, 'bands', name);
      assertBoxesReadable(t, l);
      const cloud = (c: string) => extent(l.nodes.filter((n) => n.node.cloud === c));
      const [oci, azure] = [cloud('oci'), cloud('azure')];
      assert.ok(oci.y + oci.height < azure.y, `${name}: every OCI box lies above every Azure box`);
      const links = assertLinksApart(l, name.startsWith('transit') ? 4 : 2);
      // Each link leaves its virtual circuit and enters its circuit on the right, past every box.
      const right = Math.max(...l.nodes.map((n) => n.x + n.width));
      for (const e of links) assert.ok(e.labelBox && e.labelBox.x > right, `${name}: the ${e.edge.path} label is right of the boxes`);
    }
  });

  void it('every state and name is shown uncut; the ExpressRoute circuit shows both of its states', async () => {
    for (const file of Object.values(LABS)) {
      const l = layoutTopology(await topologyOf(file));
      for (const n of l.nodes.filter((x) => !x.container)) {
        assert.ok(leafTextWidth(nodeText(n.node)) <= n.width, `${n.node.label}'s text (${JSON.stringify(nodeText(n.node))}) fits its ${n.width}px box`);
      }
      const er = l.nodes.find((n) => n.node.kind === 'azure.ExpressRouteCircuit');
      assert.ok(er);
      assert.deepEqual(nodeText(er.node).subs, ['Succeeded', 'provider Provisioned'], `${path.basename(file)}: the circuit's two states, one line each`);
      assert.ok(er.height >= 52 + 14, 'the circuit box is tall enough for both lines');
    }
  });

  void it('the same lab in other states, listed in another order, is drawn in exactly the same place', async () => {
    for (const [file, arrangement] of [[LABS.twoInterconnects, 'row'], [LABS.hubAndSpoke, 'row'], [LABS.twoInterconnects, 'bands'], [LABS.tutorial, 'auto']] as const) {
      const t = await topologyOf(file);
      const a = layoutTopology(t, arrangement);
      const b = layoutTopology(relisted(t), arrangement);
      const where = (l: TopologyLayout) => ({
        size: [l.width, l.height],
        nodes: Object.fromEntries(l.nodes.map((n) => [n.node.id, [n.x, n.y, n.width, n.height]])),
        edges: Object.fromEntries(l.edges.map((e) => [e.edge.id, e.pieces])),
      });
      assert.deepEqual(where(b), where(a), `${path.basename(file)}, ${arrangement}`);
    }
  });

  void it('fit shows the whole drawing on a 1600×1000 screen, by height when the drawing is tall', async () => {
    for (const [name, file] of Object.entries(LABS)) {
      const l = layoutTopology(await topologyOf(file), 'auto');
      const v = fitView(l, SCREEN);
      const shown = { x: v.x, y: v.y, width: l.width * v.k, height: l.height * v.k };
      assert.ok(inside(shown, { x: 0, y: 0, ...SCREEN }), `${name}: the fitted drawing ${JSON.stringify(shown)} lies on the screen`);
      const fillsWidth = shown.width >= SCREEN.width - 20;
      const fillsHeight = shown.height >= SCREEN.height - 20;
      // …or is as large as a fit ever makes it (a small lab is not blown up beyond MAX_FIT).
      assert.ok(fillsWidth || fillsHeight || v.k === MAX_FIT, `${name}: the fitted drawing uses the screen's width or height (${JSON.stringify(shown)}, scale ${v.k})`);
      if (name === 'tutorial') assert.ok(v.k > 1, 'the small tutorial is scaled up to use the space');
      const nodes = extent(l.nodes);
      const share = (nodes.width * nodes.height * v.k * v.k) / (SCREEN.width * SCREEN.height);
      if (name === 'tutorial') assert.ok(share >= 0.5, `tutorial: its nodes cover ${(share * 100).toFixed(1)}% of the screen, at least half`);
    }
    const tall = { width: 800, height: 2000 };
    const v = fitView(tall, SCREEN);
    assert.ok(Math.abs(tall.height * v.k - (SCREEN.height - 16)) < 0.5, 'a tall drawing is fitted by its height');
  });

  void it('zoom keeps the point under the pointer in place; pan moves by the drag', () => {
    const v = { k: 1.2, x: 30, y: -40 };
    const p = { x: 500, y: 300 };
    const before = { x: (p.x - v.x) / v.k, y: (p.y - v.y) / v.k };
    const z = zoomAt(v, 1.5, p);
    assert.ok(Math.abs(z.k - 1.8) < 1e-9);
    assert.ok(Math.abs((p.x - z.x) / z.k - before.x) < 1e-9 && Math.abs((p.y - z.y) / z.k - before.y) < 1e-9, 'the drawing point under the pointer stays');
    assert.deepEqual(panBy(v, 12, -7), { k: 1.2, x: 42, y: -47 });
    assert.equal(zoomAt(v, 1000, p).k, 4, 'zoom stops at 400%');
  });
});

// A page cut from the World's sorted index is the page the reference (sort everything, then cut)
// gives, for every order, page size and filter, including after renames and deletes between pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { World, type ChangeEntry, type Kind } from '../../../src/model/world.ts';
import { listOrder, paginate, paginateSorted, type Listable, type ListParams } from '../../../src/api/oci/protocol/list.ts';

const KIND = 'oci.Vcn' as Kind;

interface Item extends Listable { compartmentId: string }

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function world(rnd: () => number, n: number): { w: World; items: Map<string, Item> } {
  const w = new World();
  const items = new Map<string, Item>();
  const changes: ChangeEntry[] = [];
  for (let i = 0; i < n; i++) {
    // Few distinct times and names, so ties on the sort key are common and the id decides.
    const item: Item = {
      id: `ocid1.vcn.${Math.floor(rnd() * 1e9).toString(36)}`,
      compartmentId: rnd() < 0.8 ? 'c1' : 'c2',
      timeCreated: `2026-01-0${1 + Math.floor(rnd() * 5)}T00:00:00.000Z`,
      displayName: `vcn-${Math.floor(rnd() * 20)}`,
      lifecycleState: rnd() < 0.7 ? 'AVAILABLE' : 'TERMINATED',
    };
    items.set(item.id, item);
    changes.push({ kind: KIND, key: item.id, before: undefined, after: item });
  }
  w.apply(changes);
  return { w, items };
}

function pageOf(w: World, q: ListParams & { compartmentId: string }) {
  const sorted = w.sortedIndex(KIND, listOrder(q).field).inCompartment(q.compartmentId);
  return paginateSorted(sorted, q, (e) => w.table(KIND).get(e.key) as Item | undefined);
}

function reference(items: Map<string, Item>, q: ListParams & { compartmentId: string }) {
  return paginate([...items.values()].filter((x) => x.compartmentId === q.compartmentId), q);
}

const QUERIES: (ListParams & { compartmentId: string })[] = [];
for (const sortBy of [undefined, 'TIMECREATED', 'DISPLAYNAME'] as const) {
  for (const sortOrder of [undefined, 'ASC', 'DESC'] as const) {
    for (const limit of [1, 7, 100, undefined]) {
      QUERIES.push({ compartmentId: 'c1', sortBy, sortOrder, limit });
    }
  }
}
QUERIES.push({ compartmentId: 'c2', limit: 3, lifecycleState: 'AVAILABLE' }, { compartmentId: 'c1', limit: 2, displayName: 'vcn-3', sortBy: 'DISPLAYNAME' }, { compartmentId: 'none', limit: 5 });

void test('paging through the sorted index yields the reference pages and tokens', () => {
  const { w, items } = world(random(7), 300);
  for (const q of QUERIES) {
    let page: string | undefined;
    let pages = 0;
    do {
      const mine = pageOf(w, { ...q, page });
      const ref = reference(items, { ...q, page });
      assert.deepEqual(mine.items.map((x) => x.id), ref.items.map((x) => x.id), JSON.stringify(q));
      assert.equal(mine.nextPage, ref.nextPage, JSON.stringify(q));
      page = mine.nextPage;
      pages += 1;
    } while (page !== undefined && pages < 400);
    assert.equal(page, undefined);
  }
});

void test('renames, deletes and creates between pages are seen as the reference sees them', () => {
  const rnd = random(11);
  const { w, items } = world(rnd, 200);
  for (const q of QUERIES.filter((x) => x.limit !== undefined && x.limit > 1)) {
    let page: string | undefined;
    let pages = 0;
    do {
      const mine = pageOf(w, { ...q, page });
      assert.deepEqual(mine, reference(items, { ...q, page }), JSON.stringify(q));
      page = mine.nextPage;
      pages += 1;
      // Change the world between pages: rename one, delete one, create one.
      const ids = [...items.keys()];
      const renamed = items.get(ids[Math.floor(rnd() * ids.length)] ?? '') as Item;
      const gone = items.get(ids[Math.floor(rnd() * ids.length)] ?? '') as Item;
      const changes: ChangeEntry[] = [];
      const after = { ...renamed, displayName: `vcn-${Math.floor(rnd() * 20)}` };
      changes.push({ kind: KIND, key: renamed.id, before: renamed, after });
      items.set(renamed.id, after);
      if (gone.id !== renamed.id) {
        changes.push({ kind: KIND, key: gone.id, before: gone, after: undefined });
        items.delete(gone.id);
      }
      const born: Item = { id: `ocid1.vcn.new${pages}x${Math.floor(rnd() * 1e6)}`, compartmentId: q.compartmentId, timeCreated: '2026-01-03T00:00:00.000Z', displayName: 'vcn-5', lifecycleState: 'AVAILABLE' };
      changes.push({ kind: KIND, key: born.id, before: undefined, after: born });
      items.set(born.id, born);
      w.apply(changes);
    } while (page !== undefined && pages < 400);
  }
});

// The OCI isolation matrix (issue 12's standing suite), strict mode: for every operation in the
// route table, tenancy B aims at tenancy A — A's resource in the path (get, list, update, delete,
// actions), A's compartment or A's resources in the query, and every id field the SDK's body model
// declares set to A's resource — and each attempt must be refused with OCI's own error, exactly as
// the same request naming an id that does not exist (so the answer tells B nothing), leaving A's
// world unchanged. A list B may run shows none of A's ids. Prints a one-line JSON summary.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { OCI_OPERATIONS } from '../../../src/api/oci/operations/index.ts';
import type { OciOperation } from '../../../src/api/oci/operation.ts';
import { ALL_KINDS } from '../../../src/model/kinds.ts';
import { setPath } from '../../helpers/json-path.ts';
import { bodyIdPaths, bodyModel, queryIdParams, requiredQuery } from '../../helpers/oci-sdk-id-fields.ts';
import { BODIES, EXTRA_FIELDS, exemption, PARAMS, PUBLIC_OPS, PUBLIC_PARAMS, QUERY_VALUES, fieldValue, type Side } from './isolation-cases.ts';
import { networkOf, serviceKey, tenancy, type OciReply, type Tenancy } from './isolation-world.ts';
import { startOciServer, type OciTestServer } from './harness.ts';

const TENANCY_B = 'ocid1.tenancy.oc1..aaaaaaaatenancyb';
const NOT_FOUND = '404 NotAuthorizedOrNotFound';
/** What OCI answers for an id in a body the caller cannot see. */
const REFUSED_REFERENCE = new Set([NOT_FOUND, '400 RelatedResourceNotAuthorizedOrNotFound', '400 InvalidParameter']);

type Expect = 'target' | 'reference' | 'compartment' | 'filter' | 'public';
interface Attempt { op: OciOperation; what: string; expect: Expect; request(foreign: Side): { path: string; body: unknown } }

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
const query = (q: Record<string, unknown>): string => {
  const entries = Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return entries.length === 0 ? '' : `?${entries.join('&')}`;
};

/** The attempts for one operation, and anything the tables do not cover (a failure of its own). */
function attemptsFor(op: OciOperation, b: Side, missing: string[]): Attempt[] {
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  for (const p of params) if (!(p in PARAMS)) missing.push(`${op.name}: path parameter ${p}`);
  const sendsBody = bodyModel(op.client, op.name) !== undefined;
  if (sendsBody && !(op.name in BODIES)) missing.push(`${op.name}: a body`);
  if (missing.length > 0) return [];
  const pathOf = (side: (p: string) => Side) => op.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(PARAMS[p]?.(side(p)) ?? ''));
  const baseQuery = (n: Side): Record<string, unknown> => {
    const q: Record<string, unknown> = {};
    for (const name of requiredQuery(op.client, op.name)) q[name] = QUERY_VALUES[name] ?? fieldValue(op.name, name, n);
    if (queryIdParams(op.client, op.name).includes('compartmentId')) q.compartmentId = n.tenancy;
    return q;
  };
  const body = (n: Side) => (sendsBody ? clone(BODIES[op.name]?.(n)) : undefined);
  const owned = params.filter((p) => !PUBLIC_PARAMS.has(p));
  const out: Attempt[] = [];
  if (PUBLIC_OPS.has(op.name)) {
    if (queryIdParams(op.client, op.name).includes('compartmentId')) {
      out.push({ op, what: 'compartmentId', expect: 'public', request: (f) => ({ path: `${pathOf(() => b)}${query({ ...baseQuery(b), compartmentId: f.tenancy })}`, body: undefined }) });
    }
    return out;
  }
  if (owned.length > 0) {
    // A's resource in the path (its parents too): get, list children, update, delete, actions.
    out.push({ op, what: `path ${owned.join(',')}`, expect: 'target', request: (f) => ({ path: `${pathOf((p) => (PUBLIC_PARAMS.has(p) ? b : f))}${query(baseQuery(b))}`, body: body(b) }) });
  }
  if (op.method === 'GET' && owned.length === 0) {
    // B's own listing (its compartment, its resources as filters) shows nothing of A.
    out.push({ op, what: 'own listing', expect: 'filter', request: () => ({ path: `${pathOf(() => b)}${query(baseQuery(b))}`, body: undefined }) });
    for (const q of queryIdParams(op.client, op.name)) {
      const value = (f: Side) => fieldValue(op.name, q, f);
      if (value(b) === undefined) {
        if (exemption(op.name, q) === undefined) missing.push(`${op.name}: query parameter ${q}`);
        continue;
      }
      out.push({ op, what: `query ${q}`, expect: q === 'compartmentId' ? 'compartment' : 'filter', request: (f) => ({ path: `${pathOf(() => b)}${query({ ...baseQuery(b), [q]: value(f) })}`, body: undefined }) });
    }
  }
  if (sendsBody) {
    for (const field of [...bodyIdPaths(op.client, op.name), ...(EXTRA_FIELDS[op.name] ?? [])]) {
      if (exemption(op.name, field) !== undefined) continue;
      if (fieldValue(op.name, field, b) === undefined) {
        missing.push(`${op.name}: body field ${field}`);
        continue;
      }
      out.push({
        op, what: `body ${field}`, expect: field === 'compartmentId' && owned.length === 0 ? 'compartment' : 'reference', request: (f) => {
          const sent = (body(b) ?? {}) as Record<string, unknown>;
          setPath(sent, field, fieldValue(op.name, field, f));
          return { path: `${pathOf(() => b)}${query(baseQuery(b))}`, body: sent };
        },
      });
    }
  }
  return out;
}

/** The same side with every id replaced by one of the same shape that names nothing. */
function ghostOf(n: Side): Side {
  const ghost = (v: string) => (v.startsWith('ocid1.') ? `${v.slice(0, -6)}zzzzzz` : v);
  return Object.fromEntries(entriesOf(n).map(([k, v]) => [k, ghost(v)])) as unknown as Side;
}

const entriesOf = (n: Side): [string, string][] => Object.entries(n) as [string, string][];

void describe('OCI isolation matrix (strict mode): every operation × tenancy B aiming at tenancy A', () => {
  let s: OciTestServer;
  let a: Side;
  let b: Side;
  let tb: Tenancy;
  const missing: string[] = [];
  const attempts: Attempt[] = [];

  async function sideOf(t: Tenancy, prefix: string, key: string): Promise<Side> {
    const net = await networkOf(t, prefix, await serviceKey(s.engine, `${key}-1`));
    const spare = await t.call('POST', '/vcns', { compartmentId: t.id, cidrBlocks: [`${prefix.replace(/\d+$/, (d) => String(Number(d) + 100))}.0.0/16`] });
    const spareVcn = (spare.body as { id: string }).id;
    const spareLpg = await t.call('POST', '/localPeeringGateways', { compartmentId: t.id, vcnId: spareVcn });
    const compartment = await t.call('POST', '/compartments', { compartmentId: t.id, name: `isolation-${key}`, description: 'a compartment to aim at' });
    return { ...net, spareVcn, spareLpg: (spareLpg.body as { id: string }).id, circuitKey: await serviceKey(s.engine, `${key}-2`), compartment: (compartment.body as { id: string }).id };
  }

  before(async () => {
    s = await startOciServer({ strictAuth: true });
    a = await sideOf(await tenancy(s, DEFAULT_TENANCY_ID), '10.1', 'ca');
    tb = await tenancy(s, TENANCY_B);
    b = await sideOf(tb, '10.2', 'cb');
    // Reads first, deletes last: a delete that leaked would empty the world the rest aim at.
    const order = { GET: 0, POST: 1, PUT: 1, PATCH: 1, DELETE: 2 };
    for (const op of [...OCI_OPERATIONS].sort((x, y) => order[x.method] - order[y.method])) attempts.push(...attemptsFor(op, b, missing));
  });
  after(async () => { await s.close(); });

  void it('covers every operation and id field the route table and the SDK declare', () => {
    // The SDK's tables were read (a bundler reprinting the SDK once hid them, and the matrix shrank).
    const read = [queryIdParams('VirtualNetworkClient', 'listSubnets'), requiredQuery('ComputeClient', 'instanceAction'), bodyIdPaths('VirtualNetworkClient', 'updateVnic')];
    assert.deepEqual(read, [['compartmentId', 'vcnId'], ['action'], ['nsgIds', 'routeTableId']]);
    assert.deepEqual(missing, []);
    const covered = new Set(attempts.map((t) => t.op.name));
    const uncovered = OCI_OPERATIONS.filter((op) => !covered.has(op.name) && !PUBLIC_OPS.has(op.name) && !op.path.includes('{') && op.method !== 'GET');
    assert.deepEqual(uncovered.map((op) => op.name), []);
  });

  void it("refuses every attempt as it refuses an id that does not exist, and leaves A's world as it was", async () => {
    const ghost = ghostOf(a);
    const aIds = entriesOf(a).filter(([k, v]) => v.startsWith('ocid1.') && !['service', 'providerService'].includes(k)).map(([, v]) => v);
    const normalise = (text: string) => [...aIds, ...entriesOf(ghost).map(([, v]) => v)].reduce((t, id) => t.split(id).join('ID'), text);
    const worldOfA = () => s.engine.read((view) => JSON.stringify(ALL_KINDS.flatMap((k) => view.list(k)).filter((e) => (e as { fr?: { tenancyId?: string } }).fr?.tenancyId === a.tenancy)));
    const answer = (r: OciReply) => `${String(r.status)} ${r.code ?? ''}`;
    const leaks: string[] = [];
    const inconclusive: string[] = [];
    for (const attempt of attempts) {
      const label = `${attempt.op.name} [${attempt.what}]`;
      const foreign = attempt.request(a);
      const before = await worldOfA();
      const got = await tb.call(attempt.op.method, foreign.path, foreign.body);
      if (await worldOfA() !== before) leaks.push(`${label}: changed A's world (${answer(got)})`);
      const nothing = attempt.request(ghost);
      const control = await tb.call(attempt.op.method, nothing.path, nothing.body);
      if (got.status < 300) {
        const seesA = aIds.some((id) => got.text.includes(id));
        // A list may answer 200 (without A's ids); an id of A in a body is never accepted, not even to be dropped.
        if (seesA || attempt.expect !== 'filter') leaks.push(`${label}: ${answer(got)}${seesA ? " with A's ids" : ''}`);
        continue;
      }
      if (attempt.expect === 'target' || attempt.expect === 'compartment') {
        if (answer(got) !== NOT_FOUND) leaks.push(`${label}: ${answer(got)} ${got.message}, expected ${NOT_FOUND}`);
      } else if (attempt.expect === 'reference' && !REFUSED_REFERENCE.has(answer(got))) {
        leaks.push(`${label}: ${answer(got)} ${got.message}, expected one of ${[...REFUSED_REFERENCE].join(' | ')}`);
      } else if (attempt.expect === 'reference' && answer(got) === '400 InvalidParameter' && !normalise(got.message).includes('ID') && !got.message.includes(attempt.what.replace(/^.*[.\s]/, '').replace('[]', ''))) {
        // Refused for something else in the body (neither the id nor its field named): the attempt
        // proved nothing about the id.
        inconclusive.push(`${label}: ${answer(got)} ${got.message}`);
      }
      if (answer(got) !== answer(control) || normalise(got.message) !== normalise(control.message)) {
        leaks.push(`${label}: ${answer(got)} "${got.message}" differs from the answer for an id that does not exist: ${answer(control)} "${control.message}"`);
      }
    }
    console.log(`ISOLATION ${JSON.stringify({ cloud: 'oci', operations: OCI_OPERATIONS.length, attempts: attempts.length, leaks: leaks.length, inconclusive: inconclusive.length })}`);
    assert.deepEqual([...leaks, ...inconclusive], []);
  });
});

// Issue 12, the standing fuzz suite: every endpoint of the OCI, ARM and admin servers (enumerated
// from the servers, so new ones are fuzzed without editing this file) gets one plain request and
// FUZZ_RUNS hostile ones (fast-check, seed FUZZ_SEED), in strict auth mode. Each reply must be
// below 500, in the cloud's own error shape when refused, free of stack traces and file paths, and
// a refused request must leave the world exactly as it was. Ends with a one-line JSON summary.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../api/server.ts';
import { authVariant, body, contentType, encodeSegment, pathSegment, queryPairs, type AuthVariant } from './arbitraries.ts';
import { replyProblem } from './checks.ts';
import { allEndpoints, type Endpoint, type ServerName } from './routes.ts';
import { closeAgents, sendRaw, type RawReply } from './send.ts';
import { FUZZ_CONFIG, targets, type Target } from './targets.ts';
import { mutated, templates } from './templates.ts';
import { markWorld, worldChanges } from './world.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
const SEED = Number(process.env.FUZZ_SEED ?? 12);
const PARAM = /\{(\w+)\}|:(\w+)|\*/g;

interface FuzzRequest {
  segments: string[];
  query: [string, string][];
  body: string | undefined;
  contentType: string | undefined;
  auth: AuthVariant;
}

const paramNames = (path: string): string[] => [...path.matchAll(PARAM)].map((m) => m[1] ?? m[2] ?? '*');

function hostile(ep: Endpoint, t: Target): fc.Arbitrary<FuzzRequest> {
  const segments = paramNames(ep.path).map((p) => pathSegment(t.realIds[p] ?? []));
  return fc.record({ segments: fc.tuple(...segments), query: queryPairs, body, contentType, auth: ep.unauthenticated === true ? fc.constant<AuthVariant>('none') : authVariant });
}

/** The request a client that read the docs would send: real ids, an empty JSON object for a write. */
function plain(ep: Endpoint, t: Target): FuzzRequest {
  const write = ['POST', 'PUT', 'PATCH'].includes(ep.method);
  return { segments: t.plainSegments?.[ep.path] ?? paramNames(ep.path).map((p) => encodeSegment(t.realIds[p]?.[0] ?? 'fuzz')), query: [], body: write ? '{}' : undefined, contentType: 'application/json', auth: ep.unauthenticated === true ? 'none' : 'valid' };
}

function pathOf(ep: Endpoint, t: Target, r: FuzzRequest): string {
  let i = 0;
  const path = ep.path.replace(PARAM, () => r.segments[i++] ?? '');
  const query = [...t.fixedQuery(ep), ...r.query].map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&');
  return query === '' ? path : `${path}?${query}`;
}

/** The plain request with its body replaced by a mutation of the endpoint's valid template. */
function mutations(ep: Endpoint, t: Target, template: unknown, seed: number): FuzzRequest[] {
  return fc.sample(mutated(template), { seed, numRuns: RUNS }).map((b) => ({ ...plain(ep, t), body: b }));
}

/** Reads that walk the whole world: garbage a write let in shows up here as a 500. */
const WORLD_READS = ['/fastroute/v1/topology', '/fastroute/v1/routes', '/fastroute/v1/doctor'];

/** The router's own "no such route" answers: the request never reached the endpoint. */
const unrouted = (reply: RawReply): boolean => reply.status === 404 && /No such API|No HTTP resource was found|no such endpoint/.test(reply.text);

/** Deletes and the reset run last, so the seeded world serves the other endpoints. */
function order(eps: Endpoint[]): Endpoint[] {
  const rank = (e: Endpoint) => (e.path.endsWith('/reset') ? 2 : e.method === 'DELETE' ? 1 : 0);
  const servers: ServerName[] = ['oci', 'arm', 'admin'];
  return [...eps].sort((a, b) => servers.indexOf(a.server) - servers.indexOf(b.server) || rank(a) - rank(b));
}

void describe('fuzz: every endpoint of the three servers', () => {
  let s: TestServer;
  let t: Record<ServerName, Target>;
  let endpoints: Endpoint[];
  let bodies: Record<string, unknown>;
  before(async () => {
    s = await startTestServer({ strictAuth: true }, FUZZ_CONFIG);
    t = await targets(s);
    endpoints = order(await allEndpoints(s.engine, s.endpoints));
    bodies = templates(t.oci.realIds, t.arm.realIds);
  });
  after(async () => {
    closeAgents();
    await s.close();
  });

  void it('answers every hostile request below 500, in the cloud’s error shape, without leaks or state changes when refused', async () => {
    const started = Date.now();
    const findings: string[] = [];
    const reached = new Set<string>();
    const adminAuth: Record<string, string> = s.adminToken === undefined ? {} : { authorization: `Bearer ${s.adminToken.token}` };
    const n = { requests: 0, status5xx: 0, rejected: 0, accepted: 0, stateChangesAfterRejection: 0, shapeOrLeak: 0 };
    for (const [index, ep] of endpoints.entries()) {
      const target = t[ep.server];
      const key = `${ep.server} ${ep.method} ${ep.path}`;
      const template = bodies[key];
      const requests = [plain(ep, target), ...fc.sample(hostile(ep, target), { seed: SEED + index, numRuns: RUNS }), ...(template === undefined ? [] : mutations(ep, target, template, SEED + index))];
      for (const r of requests) {
        const path = pathOf(ep, target, r);
        const headers = await target.headers(ep, r.auth, ep.method, path, r.body, r.contentType);
        const before = markWorld(s.engine);
        let reply: RawReply;
        try {
          reply = await sendRaw({ base: target.base, method: ep.method, path, headers, ...(r.body === undefined ? {} : { body: r.body }), ...(target.ca === undefined ? {} : { ca: target.ca }) });
        } catch (err) {
          findings.push(`${key}: ${path.slice(0, 200)} → ${String(err)}`);
          continue;
        }
        n.requests += 1;
        if (process.env.FUZZ_TRACE !== undefined) console.log(`${reply.status} ${ep.method} ${path.slice(0, 160)}`);
        if (!unrouted(reply)) reached.add(key);
        const problem = replyProblem(ep, ep.method, reply);
        if (reply.status >= 500 && problem !== undefined) n.status5xx += 1;
        if (problem !== undefined) {
          if (reply.status < 500) n.shapeOrLeak += 1;
          findings.push(`${key}: ${path.slice(0, 200)} body ${JSON.stringify(r.body?.slice(0, 200))} (${r.auth}, ${r.contentType}) → ${problem}: ${reply.text.slice(0, 300)}`);
        }
        if (reply.status >= 400) {
          n.rejected += 1;
          const changed = worldChanges(before, markWorld(s.engine));
          if (changed.length > 0) {
            n.stateChangesAfterRejection += 1;
            findings.push(`${key}: ${path.slice(0, 200)} refused ${reply.status} but changed ${changed.slice(0, 3).join(', ')}`);
          }
        } else {
          n.accepted += 1;
          // An accepted clock change would let transitions fire between later marks: back to instant.
          if (s.engine.clockStatus().mode !== 'instant') await s.engine.setClock('instant');
          if (ep.method !== 'GET') {
            for (const read of WORLD_READS) {
              const after = await sendRaw({ base: s.adminUrl, method: 'GET', path: read, headers: adminAuth });
              if (after.status >= 500) findings.push(`${key}: ${path.slice(0, 200)} body ${JSON.stringify(r.body?.slice(0, 300))} accepted, then GET ${read} → ${after.status}: ${after.text.slice(0, 300)}`);
            }
          }
        }
      }
    }
    const unreached = endpoints.map((e) => `${e.server} ${e.method} ${e.path}`).filter((k) => !reached.has(k));
    const count = (sv: ServerName) => endpoints.filter((e) => e.server === sv).length;
    const perServer = { oci: count('oci'), arm: count('arm'), admin: count('admin') };
    console.log(JSON.stringify({ fuzz: 'endpoints', seed: SEED, plainPerEndpoint: 1, hostilePerEndpoint: RUNS, mutatedPerTemplate: RUNS, templates: Object.keys(bodies).length, endpoints: perServer, ...n, unreached: unreached.length, findings: findings.length, ms: Date.now() - started }));
    assert.ok(perServer.oci >= 100 && perServer.arm >= 100 && perServer.admin >= 15, `endpoints enumerated: ${JSON.stringify(perServer)}`);
    assert.deepEqual(unreached, [], 'endpoints no request reached (no fuzz coverage)');
    const known = new Set(endpoints.map((e) => `${e.server} ${e.method} ${e.path}`));
    assert.deepEqual(Object.keys(bodies).filter((k) => !known.has(k)), [], 'body templates for endpoints that no longer exist');
    assert.equal(findings.length, 0, `${findings.length} findings:\n${findings.slice(0, Number(process.env.FUZZ_SHOW ?? 40)).join('\n')}`);
  });
});

// The OCI write path and a full list page over real HTTP, each rate beside a bare Fastify route in
// the same process sending the same JSON (rounds interleaved so machine noise hits both alike):
// - oci-list-vcns-100-rps-ratio: GET /20160918/vcns?compartmentId=…&limit=100 with exactly 100 VCNs
//   in the compartment (one full page, no opc-next-page). Target ≥ 0.5.
// - oci-create-vcn-rps-ratio: POST /20160918/vcns (a new VCN with its default route table, security
//   list and DHCP options, four timers, the events, the SQLite write) vs a bare POST route that parses
//   the same body and answers the created VCN's JSON. Target ≥ 0.2.
// Load from a second process (autocannon, 10 connections, 2 s per measurement).
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import { ensureCompartment } from '../../src/lifecycle/oci/compartment.ts';
import { caseResult, type CaseSpec } from '../result.ts';
import { log } from '../harness.ts';
import { load, type LoadResult } from '../load.ts';
import { startOciBenchServer } from '../oci-server.ts';
import { round } from '../stats.ts';
import type { BenchCase } from './case.ts';

const LIST_RATIO: CaseSpec = { name: 'oci-list-vcns-100-rps-ratio', unit: 'ratio', targetAtLeast: 0.5 };
const CREATE_RATIO: CaseSpec = { name: 'oci-create-vcn-rps-ratio', unit: 'ratio', targetAtLeast: 0.2 };
const ROUNDS = 3;
const VCNS = 100;
const compartmentId = DEFAULT_TENANCY_ID;
const HOW = 'autocannon in a second process, 10 connections, 2 s per measurement';

function checked(what: string, r: LoadResult): LoadResult {
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${what} answered ${r.non2xx} non-2xx and ${r.errors} errors`);
  return r;
}

export const ociRatesCase: BenchCase = {
  specs: [LIST_RATIO, CREATE_RATIO],
  async run() {
    const { server, network } = await startOciBenchServer();
    const bare = Fastify({ logger: false });
    try {
      // VCNs may overlap in OCI (only a VCN's own blocks and its subnets must not), but distinct
      // blocks keep the listed world plausible.
      for (let i = 0; i < VCNS; i++) {
        await network.createVcn({ createVcnDetails: { compartmentId, cidrBlocks: [`10.${i}.0.0/16`], displayName: `bench-${String(i).padStart(3, '0')}` } });
      }
      // The creates go to a compartment of their own, so every round lists the same 100 VCNs.
      const scope = { tenancyId: DEFAULT_TENANCY_ID, region: 'us-ashburn-1' };
      const createIn = (await server.engine.mutate('bench', (tx) => ensureCompartment(tx, scope, 'bench-creates'))).id;
      const listed = await network.listVcns({ compartmentId, limit: VCNS });
      if (listed.items.length !== VCNS || listed.opcNextPage !== undefined) throw new Error(`listed ${listed.items.length} VCNs on one page, not ${VCNS}`);
      const listBody = JSON.stringify(listed.items);
      const createBody = JSON.stringify({ compartmentId: createIn, cidrBlocks: ['172.16.0.0/16'], displayName: 'bench-create' });
      const createdBody = JSON.stringify((await network.createVcn({ createVcnDetails: JSON.parse(createBody) as { compartmentId: string } })).vcn);
      bare.get('/bare', (_req, reply) => reply.type('application/json').send(listBody));
      bare.post('/bare', (_req, reply) => reply.type('application/json').send(createdBody));
      await bare.listen({ host: '127.0.0.1', port: 0 });
      const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/bare`;
      const listUrl = `${server.endpoints.oci}/20160918/vcns?compartmentId=${encodeURIComponent(compartmentId)}&limit=${VCNS}`;
      const createUrl = `${server.endpoints.oci}/20160918/vcns`;
      const post = { method: 'POST' as const, body: createBody, headers: { 'content-type': 'application/json' } };

      const d = { listRps: [] as number[], bareGetRps: [] as number[], createRps: [] as number[], barePostRps: [] as number[], createLatencyMedianMs: [] as number[] };
      const listRatios: number[] = [];
      const createRatios: number[] = [];
      const vcnsBefore = server.engine.world.table('oci.Vcn').size;
      for (let i = 0; i < ROUNDS; i++) {
        const bg = checked('bare GET', await load(bareUrl));
        const l = checked('GET /vcns', await load(listUrl));
        const bp = checked('bare POST', await load(bareUrl, post));
        const c = checked('POST /vcns', await load(createUrl, post));
        d.bareGetRps.push(Math.round(bg.requestsPerSecond));
        d.listRps.push(Math.round(l.requestsPerSecond));
        d.barePostRps.push(Math.round(bp.requestsPerSecond));
        d.createRps.push(Math.round(c.requestsPerSecond));
        d.createLatencyMedianMs.push(c.latencyMedianMs);
        listRatios.push(round(l.requestsPerSecond / bg.requestsPerSecond, 3));
        createRatios.push(round(c.requestsPerSecond / bp.requestsPerSecond, 3));
        log(`oci rates round ${i + 1}/${ROUNDS}: bare GET ${d.bareGetRps[i]}/s, list 100 VCNs ${d.listRps[i]}/s, bare POST ${d.barePostRps[i]}/s, create VCN ${d.createRps[i]}/s`);
      }
      const created = server.engine.world.table('oci.Vcn').size - vcnsBefore;
      const stillListed = await network.listVcns({ compartmentId, limit: VCNS + 1 });
      if (stillListed.items.length !== VCNS) throw new Error(`the listed compartment holds ${stillListed.items.length} VCNs, not ${VCNS}`);
      return [
        caseResult(LIST_RATIO, listRatios, { ociListVcnsRps: d.listRps, bareFastifyRps: d.bareGetRps, vcnsListed: VCNS, bodyBytes: listBody.length, load: HOW }),
        caseResult(CREATE_RATIO, createRatios, {
          ociCreateVcnRps: d.createRps, bareFastifyRps: d.barePostRps, ociCreateVcnLatencyMedianMs: d.createLatencyMedianMs,
          vcnsCreated: created, store: 'SQLite in memory', load: HOW,
        }),
      ];
    } finally {
      await bare.close();
      await server.close();
    }
  },
};

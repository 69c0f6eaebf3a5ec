// The OCI API over real HTTP:
// - oci-get-vcn-rps-ratio: GET /20160918/vcns/{id} requests/s divided by a bare Fastify route's
//   requests/s serving the same JSON, load from a second process (autocannon, 10 connections,
//   2 s), rounds interleaved so machine noise hits both alike. Target ≥ 0.5.
// - oci-list-subnets-1000-ms: the SDK's list iterator over 1,000 subnets, 100 per page (10 requests).
// - oci-create-delete-subnet-ms: one createSubnet and one deleteSubnet through the SDK.
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import { caseResult, type CaseSpec } from '../result.ts';
import { log, repeat, timed } from '../harness.ts';
import { load } from '../load.ts';
import { startOciBenchServer } from '../oci-server.ts';
import { round } from '../stats.ts';
import type { BenchCase } from './case.ts';

const GET_RATIO: CaseSpec = { name: 'oci-get-vcn-rps-ratio', unit: 'ratio', targetAtLeast: 0.5 };
const LIST: CaseSpec = { name: 'oci-list-subnets-1000-ms', unit: 'ms', warmup: 1 };
const CREATE_DELETE: CaseSpec = { name: 'oci-create-delete-subnet-ms', unit: 'ms', warmup: 5 };
const ROUNDS = 3;
const compartmentId = DEFAULT_TENANCY_ID;

export const ociApiCase: BenchCase = {
  specs: [GET_RATIO, LIST, CREATE_DELETE],
  async run() {
    const { server, network } = await startOciBenchServer();
    const bare = Fastify({ logger: false });
    try {
      const vcn = (await network.createVcn({ createVcnDetails: { compartmentId, cidrBlocks: ['10.0.0.0/16'], displayName: 'bench' } })).vcn;
      const vcnUrl = `${server.endpoints.oci}/20160918/vcns/${vcn.id}`;
      const body = JSON.stringify((await network.getVcn({ vcnId: vcn.id })).vcn);
      bare.get('/bare', (_req, reply) => reply.type('application/json').send(body));
      await bare.listen({ host: '127.0.0.1', port: 0 });
      const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/bare`;

      const ratios: number[] = [];
      const oci: number[] = [];
      const plain: number[] = [];
      const ociLatency: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const b = await load(bareUrl);
        const o = await load(vcnUrl);
        if (o.non2xx > 0 || o.errors > 0) throw new Error(`GET VCN answered ${o.non2xx} non-2xx and ${o.errors} errors`);
        plain.push(b.requestsPerSecond);
        oci.push(o.requestsPerSecond);
        ociLatency.push(o.latencyMedianMs);
        ratios.push(o.requestsPerSecond / b.requestsPerSecond);
        log(`${GET_RATIO.name} round ${i + 1}/${ROUNDS}: bare ${Math.round(b.requestsPerSecond)}/s, OCI GET VCN ${Math.round(o.requestsPerSecond)}/s`);
      }

      for (let i = 0; i < 1000; i++) {
        await network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: vcn.id, cidrBlock: `10.0.${Math.floor(i / 4)}.${(i % 4) * 64}/26` } });
      }
      let pages = 0;
      const listSamples = await repeat(LIST.name, { warmup: LIST.warmup ?? 0, runs: 5 }, async () => {
        const r = await timed(async () => {
          let n = 0;
          for await (const page of network.listSubnetsResponseIterator({ compartmentId, vcnId: vcn.id, limit: 100 })) {
            n += page.items.length;
            pages += 1;
          }
          return n;
        });
        if (r.value !== 1000) throw new Error(`listed ${r.value} subnets, not 1000`);
        return r.ms;
      });

      const spare = (await network.createVcn({ createVcnDetails: { compartmentId, cidrBlocks: ['10.1.0.0/16'] } })).vcn;
      const cdSamples = await repeat(CREATE_DELETE.name, { warmup: CREATE_DELETE.warmup ?? 0, runs: 50 }, async () => {
        const r = await timed(async () => {
          const s = await network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: spare.id, cidrBlock: '10.1.0.0/24' } });
          await network.deleteSubnet({ subnetId: s.subnet.id });
        });
        return r.ms;
      });

      return [
        caseResult(GET_RATIO, ratios.map((r) => round(r, 3)), {
          ociGetVcnRps: oci.map((x) => Math.round(x)), bareFastifyRps: plain.map((x) => Math.round(x)), ociGetVcnLatencyMedianMs: ociLatency,
          load: 'autocannon in a second process, 10 connections, 2 s per measurement',
        }),
        caseResult(LIST, listSamples, { subnets: 1000, pageSize: 100, requestsPerListing: pages / (5 + (LIST.warmup ?? 0)) }),
        caseResult(CREATE_DELETE, cdSamples, { through: 'oci-core SDK, unsigned, instant clock' }),
      ];
    } finally {
      await bare.close();
      await server.close();
    }
  },
};

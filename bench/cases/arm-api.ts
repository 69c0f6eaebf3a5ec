// The ARM API over real HTTPS, each rate beside a bare HTTPS Fastify route serving the same JSON
// with the same certificate (rounds interleaved so machine noise hits both alike):
// - arm-get-vnet-rps-ratio: GET virtualNetworks/{name}.
// - arm-put-vnet-lro-rps-ratio: PUT of the same VNet again (an update: 200, Updating, a timer for
//   Succeeded and an Azure-AsyncOperation URL, i.e. the start of a long-running operation).
// Load from a second process (autocannon, 10 connections, 2 s).
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { DEFAULT_SUBSCRIPTION_ID } from '../../src/lifecycle/defaults.ts';
import { caseResult, type CaseSpec } from '../result.ts';
import { log } from '../harness.ts';
import { load } from '../load.ts';
import { startArmBenchServer } from '../arm-server.ts';
import { round } from '../stats.ts';
import type { BenchCase } from './case.ts';
import { bareHttps } from './arm-bare-tls.ts';

const GET_RATIO: CaseSpec = { name: 'arm-get-vnet-rps-ratio', unit: 'ratio' };
const PUT_RATIO: CaseSpec = { name: 'arm-put-vnet-lro-rps-ratio', unit: 'ratio' };
const ROUNDS = 3;
const VNET = { location: 'eastus', properties: { addressSpace: { addressPrefixes: ['10.20.0.0/16'] }, subnets: [{ name: 'workload', properties: { addressPrefix: '10.20.1.0/24' } }] } };

export const armApiCase: BenchCase = {
  specs: [GET_RATIO, PUT_RATIO],
  async run() {
    const { server, network, resources } = await startArmBenchServer();
    const bare = Fastify({ logger: false, https: await bareHttps() });
    try {
      await resources.resourceGroups.createOrUpdate('rg-bench', { location: 'eastus' });
      await network.virtualNetworks.beginCreateOrUpdateAndWait('rg-bench', 'vnet-bench', { location: 'eastus', addressSpace: { addressPrefixes: ['10.20.0.0/16'] }, subnets: [{ name: 'workload', addressPrefix: '10.20.1.0/24' }] }, { updateIntervalInMs: 10 });
      const path = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-bench/providers/Microsoft.Network/virtualNetworks/vnet-bench?api-version=2025-05-01`;
      const vnetUrl = `${server.endpoints.arm}${path}`;
      const body = JSON.stringify(await network.virtualNetworks.get('rg-bench', 'vnet-bench'));
      bare.get('/bare', (_req, reply) => reply.type('application/json').send(body));
      bare.put('/bare', (_req, reply) => reply.type('application/json').send(body));
      await bare.listen({ host: '127.0.0.1', port: 0 });
      const bareUrl = `https://127.0.0.1:${(bare.server.address() as AddressInfo).port}/bare`;
      const auth = { authorization: 'Bearer bench' };
      const put = { method: 'PUT' as const, body: JSON.stringify(VNET), headers: { ...auth, 'content-type': 'application/json' } };
      const caFile = server.endpoints.armCa;

      const detail = { getRps: [] as number[], putRps: [] as number[], bareGetRps: [] as number[], barePutRps: [] as number[] };
      const getRatios: number[] = [];
      const putRatios: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const bg = await load(bareUrl, { caFile });
        const g = await load(vnetUrl, { caFile, headers: auth });
        const bp = await load(bareUrl, { ...put, caFile });
        const p = await load(vnetUrl, { ...put, caFile });
        for (const [what, r] of [['GET', g], ['PUT', p]] as const) {
          if (r.non2xx > 0 || r.errors > 0) throw new Error(`${what} VNet answered ${r.non2xx} non-2xx and ${r.errors} errors`);
        }
        detail.getRps.push(Math.round(g.requestsPerSecond));
        detail.putRps.push(Math.round(p.requestsPerSecond));
        detail.bareGetRps.push(Math.round(bg.requestsPerSecond));
        detail.barePutRps.push(Math.round(bp.requestsPerSecond));
        getRatios.push(round(g.requestsPerSecond / bg.requestsPerSecond, 3));
        putRatios.push(round(p.requestsPerSecond / bp.requestsPerSecond, 3));
        log(`arm round ${i + 1}/${ROUNDS}: bare GET ${Math.round(bg.requestsPerSecond)}/s, ARM GET ${Math.round(g.requestsPerSecond)}/s, bare PUT ${Math.round(bp.requestsPerSecond)}/s, ARM PUT ${Math.round(p.requestsPerSecond)}/s`);
      }
      const how = 'autocannon in a second process, 10 connections, 2 s per measurement, https with FastRoute\'s CA';
      return [
        caseResult(GET_RATIO, getRatios, { armGetVnetRps: detail.getRps, bareHttpsFastifyRps: detail.bareGetRps, load: how }),
        caseResult(PUT_RATIO, putRatios, { armPutVnetRps: detail.putRps, bareHttpsFastifyRps: detail.barePutRps, load: how, note: 'each PUT is an update that starts an LRO (200 + Azure-AsyncOperation)' }),
      ];
    } finally {
      await bare.close();
      await server.close();
    }
  },
};

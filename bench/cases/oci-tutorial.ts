// oci-sdk-tutorial-ms: the seed tutorial's OCI half driven through the official SDK against a fresh
// server with the instant clock (VCN, subnet, DRG, attachment, route rule, virtual circuit to
// PROVISIONED, each waited on with the SDK's waiters), the Azure half created in-process first.
// Only the SDK part is timed. Target < 2 s.
import { caseResult, type CaseSpec } from '../result.ts';
import { repeat, timed } from '../harness.ts';
import { startOciBenchServer } from '../oci-server.ts';
import { ociClients } from '../../test/api/oci/harness.ts';
import { createAzureHalf, createOciHalf } from '../../test/api/oci/tutorial-flow.ts';
import type { BenchCase } from './case.ts';

const TUTORIAL: CaseSpec = { name: 'oci-sdk-tutorial-ms', unit: 'ms', targetBelow: 2000, warmup: 1 };

export const ociTutorialCase: BenchCase = {
  specs: [TUTORIAL],
  async run() {
    const samples = await repeat(TUTORIAL.name, { warmup: TUTORIAL.warmup ?? 0, runs: 5 }, async () => {
      const { server } = await startOciBenchServer();
      try {
        const azure = await createAzureHalf(server.engine);
        const clients = ociClients(server.endpoints.oci);
        return (await timed(() => createOciHalf(clients, azure.serviceKey))).ms;
      } finally {
        await server.close();
      }
    });
    return [caseResult(TUTORIAL, samples, { clock: 'instant', through: 'oci-core 2.139.1, unsigned', steps: 'VCN, subnet, DRG, attachment, route rule, provider lookup, service key, VC to PROVISIONED' })];
  },
};

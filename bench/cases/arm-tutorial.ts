// arm-sdk-tutorial-ms: the seed tutorial's Azure half driven through @azure/arm-resources and
// @azure/arm-network against a fresh server with the instant clock (group, NSG, VNet with its two
// subnets, NIC, ER gateway, circuit; then the connection), every LRO polled by the SDK's poller.
// The OCI half runs in between through oci-core and is not timed. Target < 2 s.
import { caseResult, type CaseSpec } from '../result.ts';
import { repeat, timed } from '../harness.ts';
import { startArmBenchServer } from '../arm-server.ts';
import { ociClients } from '../../test/api/oci/harness.ts';
import { createOciHalf } from '../../test/api/oci/tutorial-flow.ts';
import { connectWithSdk, createAzureHalfWithSdk } from '../../test/api/arm/tutorial-flow.ts';
import type { BenchCase } from './case.ts';

const TUTORIAL: CaseSpec = { name: 'arm-sdk-tutorial-ms', unit: 'ms', targetBelow: 2000, warmup: 1 };

export const armTutorialCase: BenchCase = {
  specs: [TUTORIAL],
  async run() {
    const samples = await repeat(TUTORIAL.name, { warmup: TUTORIAL.warmup ?? 0, runs: 5 }, async () => {
      const { server, network, resources } = await startArmBenchServer();
      try {
        const clients = { network, resources };
        const create = await timed(() => createAzureHalfWithSdk(clients));
        await createOciHalf(ociClients(server.endpoints.oci), create.value.serviceKey);
        const connect = await timed(() => connectWithSdk(clients, create.value));
        return create.ms + connect.ms;
      } finally {
        await server.close();
      }
    });
    return [caseResult(TUTORIAL, samples, { clock: 'instant', through: '@azure/arm-network 36, @azure/arm-resources 7, https, LRO poll interval 10 ms', steps: 'group, NSG, VNet + 2 subnets, NIC, ER gateway, circuit, (OCI half untimed), connection' })];
  },
};

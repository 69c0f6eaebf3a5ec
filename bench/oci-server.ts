// A FastRoute server for the OCI API cases (in memory, free ports, no lab, silent) and the official
// SDK clients pointed at it, unsigned, with client retries and the circuit breaker off
// (test/api/oci/sdk-defaults.ts).
import * as common from 'oci-common';
import * as core from 'oci-core';
import { loadConfig } from '../src/config/load.ts';
import { startServer, type ServerHandle } from '../src/server/start.ts';
import '../test/api/oci/sdk-defaults.ts';
import { makeTempDir } from './temp-dirs.ts';

export interface OciBenchServer {
  server: ServerHandle;
  network: core.VirtualNetworkClient;
  compute: core.ComputeClient;
}

/** In memory, free ports, no lab, silent logs, the default instant clock. */
export function benchServerConfig(): ReturnType<typeof loadConfig> {
  return loadConfig({ cwd: makeTempDir('fastroute-bench-oci-'), env: {}, flags: { inMemory: true, adminPort: '0', ociPort: '0', armPort: '0', lab: false, logLevel: 'silent' } });
}

export async function startOciBenchServer(): Promise<OciBenchServer> {
  const server = await startServer(benchServerConfig());
  const network = new core.VirtualNetworkClient({} as common.AuthParams);
  const compute = new core.ComputeClient({} as common.AuthParams);
  network.endpoint = server.endpoints.oci;
  compute.endpoint = server.endpoints.oci;
  return { server, network, compute };
}

// A FastRoute server for the ARM cases (in memory, free ports, no lab, silent) and the official
// Azure SDK clients pointed at it over HTTPS, trusting FastRoute's CA.
import { readFileSync } from 'node:fs';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import type { TokenCredential } from '@azure/core-auth';
import { loadConfig } from '../src/config/load.ts';
import { DEFAULT_SUBSCRIPTION_ID } from '../src/lifecycle/defaults.ts';
import { startServer, type ServerHandle } from '../src/server/start.ts';
import { makeTempDir } from './temp-dirs.ts';

export interface ArmBenchServer {
  server: ServerHandle;
  caPem: string;
  network: NetworkManagementClient;
  resources: ResourceManagementClient;
}

const credential: TokenCredential = { getToken: () => Promise.resolve({ token: 'bench', expiresOnTimestamp: Date.now() + 3_600_000 }) };

export async function startArmBenchServer(): Promise<ArmBenchServer> {
  const config = loadConfig({ cwd: makeTempDir('fastroute-bench-arm-'), env: {}, flags: { inMemory: true, adminPort: '0', ociPort: '0', armPort: '0', lab: false, logLevel: 'silent' } });
  const server = await startServer(config);
  const caPem = readFileSync(server.endpoints.armCa, 'utf8');
  const options = { endpoint: server.endpoints.arm, tlsOptions: { ca: caPem }, retryOptions: { maxRetries: 0 } };
  return {
    server, caPem,
    network: new NetworkManagementClient(credential, DEFAULT_SUBSCRIPTION_ID, options),
    resources: new ResourceManagementClient(credential, DEFAULT_SUBSCRIPTION_ID, options),
  };
}

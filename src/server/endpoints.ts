// The URLs FastRoute answers on. The ARM port is reserved now and served by a later release;
// ARM is https because the Azure SDKs and `az` refuse plain http for management endpoints.
import type { Endpoints } from '../api/admin/contract.ts';
import type { Config } from '../config/schema.ts';

function hostPart(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export function endpointsFor(config: Config, adminPort: number, ociPort = config.ports.oci): Endpoints {
  const host = hostPart(config.host);
  return {
    admin: `http://${host}:${adminPort}`,
    oci: `http://${host}:${ociPort}`,
    arm: `https://${host}:${config.ports.arm}`,
  };
}

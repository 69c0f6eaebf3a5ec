// The URLs FastRoute answers on. OCI and ARM ports are reserved now and served by later releases;
// ARM is https because the Azure SDKs and `az` refuse plain http for management endpoints.
import type { Endpoints } from '../api/admin/contract.ts';
import type { Config } from '../config/schema.ts';

function hostPart(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export function endpointsFor(config: Config, adminPort: number): Endpoints {
  const host = hostPart(config.host);
  return {
    admin: `http://${host}:${adminPort}`,
    oci: `http://${host}:${config.ports.oci}`,
    arm: `https://${host}:${config.ports.arm}`,
  };
}

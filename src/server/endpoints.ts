// The URLs FastRoute answers on. ARM is https because the Azure SDKs and `az` refuse plain http
// for management endpoints; its CA certificate's path is part of the endpoints.
import type { Endpoints } from '../api/admin/contract.ts';
import type { Config } from '../config/schema.ts';

function hostPart(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export function endpointsFor(config: Config, ports: { admin: number; oci?: number; arm?: number }, armCa: string): Endpoints {
  const host = hostPart(config.host);
  return {
    admin: `http://${host}:${ports.admin}`,
    oci: `http://${host}:${ports.oci ?? config.ports.oci}`,
    arm: `https://${host}:${ports.arm ?? config.ports.arm}`,
    armCa,
  };
}

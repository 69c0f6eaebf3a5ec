// Binding anywhere but loopback exposes the admin API, the OCI and ARM APIs to the network. The
// admin API then requires the admin token (admin-token.ts), but the cloud APIs answer whoever
// reaches them (as any tenancy and subscription unless strict auth is on), so start-up says so
// loudly on stderr. /msi/token stays loopback-only whatever the bind.
import type { Config } from '../config/schema.ts';
import { isLoopbackAddress } from '../config/loopback.ts';

/** The warning printed at start for a non-loopback bind; undefined on loopback. */
export function remoteBindWarning(config: Pick<Config, 'host' | 'strictAuth'>): string | undefined {
  if (isLoopbackAddress(config.host)) return undefined;
  return [
    `WARNING: FastRoute listens on ${config.host}, not loopback: anyone who reaches these ports can use the OCI and ARM APIs${config.strictAuth ? ' with a registered key or principal' : ' as any tenancy or subscription (strict auth is off: --strict-auth)'}.`,
    'WARNING: the admin API requires the admin token printed below; keep it secret and these ports behind a firewall. /msi/token answers loopback clients only.',
  ].join('\n');
}

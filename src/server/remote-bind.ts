// Binding anywhere but loopback exposes the admin API (reset, API keys), the OCI and ARM APIs and
// the managed-identity token endpoint to the network. Until FastRoute has an admin token, such a bind
// needs an explicit `--allow-remote`; with it, start-up warns loudly. /msi/token stays loopback-only.
import { ConfigError } from '../config/errors.ts';
import type { Config } from '../config/schema.ts';
import { isLoopbackAddress } from '../config/loopback.ts';

/** Refuses a non-loopback bind without allowRemote (start-up stops before anything opens). */
export function assertBindAllowed(config: Pick<Config, 'host' | 'allowRemote'>): void {
  if (isLoopbackAddress(config.host) || config.allowRemote) return;
  throw new ConfigError([{
    field: 'host',
    source: '--host, FASTROUTE_HOST or the config file',
    problem: `is ${JSON.stringify(config.host)}, not a loopback address: the admin API (reset, API keys) and the cloud APIs would be open to the network without an admin token. Bind 127.0.0.1, or pass --allow-remote (FASTROUTE_ALLOW_REMOTE=true) if you accept that`,
  }]);
}

/** The warning printed at start for an allowed non-loopback bind; undefined on loopback. */
export function remoteBindWarning(config: Pick<Config, 'host' | 'strictAuth'>): string | undefined {
  if (isLoopbackAddress(config.host)) return undefined;
  return [
    `WARNING: FastRoute listens on ${config.host}, not loopback: anyone who reaches these ports can reset the world and register API keys through the admin API${config.strictAuth ? '' : ', and act as any tenancy or subscription (strict auth is off)'}.`,
    'WARNING: the admin API has no token yet; keep these ports behind a firewall. /msi/token answers loopback clients only.',
  ].join('\n');
}

// The admin token: a random secret every admin API request must present when FastRoute listens
// beyond loopback (anyone on the network could otherwise reset the world) or runs strict auth
// (anyone on this machine could otherwise register an API key for any tenancy and act as it).
// It lives in the data directory as `admin-token`, readable by its owner only (0600), and is reused
// across restarts so the CLI and scripts keep working; an in-memory server keeps it in memory only.
// A token file others can read may have leaked: start-up refuses it rather than trust it.
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/errors.ts';
import { isLoopbackAddress } from '../config/loopback.ts';
import type { Config } from '../config/schema.ts';

export const ADMIN_TOKEN_FILE = 'admin-token';

/** 32 random bytes, base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface AdminToken {
  token: string;
  /** Where it is kept; undefined for an in-memory server. */
  file: string | undefined;
}

export function adminTokenRequired(config: Pick<Config, 'host' | 'strictAuth'>): boolean {
  return config.strictAuth || !isLoopbackAddress(config.host);
}

function refuse(file: string, problem: string): never {
  throw new ConfigError([{ field: 'dataDir', source: `the admin token file ${file}`, problem }]);
}

/** The token in force for this configuration (reused from the data directory, else created there), or undefined when none is needed. */
export function adminTokenFor(config: Pick<Config, 'host' | 'strictAuth' | 'inMemory' | 'dataDir'>): AdminToken | undefined {
  if (!adminTokenRequired(config)) return undefined;
  const token = randomBytes(32).toString('base64url');
  if (config.inMemory) return { token, file: undefined };
  const file = path.join(config.dataDir, ADMIN_TOKEN_FILE);
  // Written whole under a temporary name, then linked into place: a kill mid-write cannot leave a
  // truncated token file, and link() fails with EEXIST rather than overwrite a token another start
  // wrote in the meantime. The mode applies on creation.
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${token}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600); // the umask cannot widen 0600, but a filesystem default ACL might
    linkSync(temporary, file);
    return { token, file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(temporary, { force: true });
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    refuse(file, `is readable by other users (mode ${(statSync(file).mode & 0o777).toString(8)}), so the token may have leaked: delete it (a new one is made at start) or chmod 600 it`);
  }
  const existing = readFileSync(file, 'utf8').trim();
  if (!TOKEN.test(existing)) refuse(file, 'does not hold a FastRoute admin token: delete it and a new one is made at start');
  return { token: existing, file };
}

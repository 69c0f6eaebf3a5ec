// Which admin token the CLI sends (src/server/admin-token.ts): FASTROUTE_ADMIN_TOKEN if set, else
// the one a FastRoute started here keeps in its data directory (FASTROUTE_DATA_DIR, default
// .fastroute), read only for a loopback FASTROUTE_URL: a token of this machine's server must not
// travel to another machine the user points the CLI at.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isLoopbackAddress } from '../config/loopback.ts';
import { ADMIN_TOKEN_FILE } from '../server/admin-token.ts';

export function adminTokenFromEnv(adminUrl: string, env: Readonly<Record<string, string | undefined>> = process.env, cwd: string = process.cwd()): string | undefined {
  const fromEnv = env.FASTROUTE_ADMIN_TOKEN?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!URL.canParse(adminUrl) || !isLoopbackAddress(new URL(adminUrl).hostname)) return undefined;
  const dataDir = env.FASTROUTE_DATA_DIR === undefined || env.FASTROUTE_DATA_DIR === '' ? '.fastroute' : env.FASTROUTE_DATA_DIR;
  try {
    const token = readFileSync(path.join(path.resolve(cwd, dataDir), ADMIN_TOKEN_FILE), 'utf8').trim();
    return token === '' ? undefined : token;
  } catch {
    return undefined; // no token kept here: the server needs none, or it is not this directory's
  }
}

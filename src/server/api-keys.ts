// OCI API signing keys named in the config file are registered at start-up, so strict mode can be
// used without calling the admin API first.
import { readFile } from 'node:fs/promises';
import type { Engine } from '../engine/engine.ts';
import type { Config } from '../config/schema.ts';
import { registerApiKey } from '../lifecycle/oci/api-keys.ts';

export async function registerConfiguredApiKeys(engine: Engine, keys: Config['ociApiKeys']): Promise<void> {
  const loaded = await Promise.all(keys.map(async (k) => ({ ...k, publicKeyPem: await readFile(k.publicKeyFile, 'utf8') })));
  if (loaded.length === 0) return;
  await engine.mutate('config:api-keys', (tx) => {
    for (const k of loaded) registerApiKey(tx, k);
  });
}

// ARM identity at start-up: the subscriptions of the configured principals, and the key that signs
// the tokens FastRoute issues (kept beside the CA so tokens survive a restart).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engine/engine.ts';
import type { Config } from '../config/schema.ts';
import { ensureSubscription } from '../lifecycle/azure/subscription.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

export async function registerConfiguredSubscriptions(engine: Engine, principals: Config['armPrincipals']): Promise<void> {
  if (principals.length === 0) return;
  await engine.mutate('config:arm-principals', (tx) => {
    for (const p of principals) for (const subscriptionId of p.subscriptions) ensureSubscription(tx, { subscriptionId, tenantId: p.tenantId });
  });
}

export function tokenSecret(dir: string | undefined): Uint8Array {
  if (dir === undefined) return randomBytes(32);
  const file = path.join(dir, 'arm-token.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(file, randomBytes(32).toString('base64'), 0o600);
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

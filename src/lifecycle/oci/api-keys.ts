// OCI API signing keys for strict authentication. The key is stored as given; it is checked to be
// an RSA public key so a typo is refused at registration rather than at the first request.
import { createPublicKey } from 'node:crypto';
import { fastroute } from '../../model/errors.ts';
import type { ApiKey } from '../../model/fr-records.ts';
import type { Tx } from '../../model/tx.ts';

export interface ApiKeyDetails {
  tenancyId: string;
  userId: string;
  fingerprint: string;
  publicKeyPem: string;
}

export function registerApiKey(tx: Tx, d: ApiKeyDetails): ApiKey {
  let type: string | undefined;
  try {
    type = createPublicKey(d.publicKeyPem).asymmetricKeyType;
  } catch {
    throw fastroute.invalid('InvalidPublicKey', `the public key for ${d.userId} is not a PEM public key`);
  }
  if (type !== 'rsa') throw fastroute.invalid('InvalidPublicKey', `OCI API keys are RSA keys; this one is ${type ?? 'unknown'}`);
  const key: ApiKey = { id: `${d.tenancyId}/${d.userId}/${d.fingerprint}`, ...d, timeCreated: tx.nowIso };
  return tx.put('fr.ApiKey', key);
}

export function removeApiKey(tx: Tx, keyId: string): void {
  if (!tx.get('fr.ApiKey', keyId)) throw fastroute.notFound(`no API key ${keyId}`);
  tx.remove('fr.ApiKey', keyId);
}

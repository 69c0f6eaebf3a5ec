// OCI API signing keys for --strict-auth: register (PEM public key), list, remove. The keyId a
// client signs with is "tenancy/user/fingerprint", exactly as the SDK builds it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerApiKey, removeApiKey } from '../../lifecycle/oci/api-keys.ts';
import { fastroute } from '../../model/errors.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX } from './contract.ts';
import { parseInput } from './validate.ts';

const keyBody = z.strictObject({
  tenancyId: z.string().min(1),
  userId: z.string().min(1),
  fingerprint: z.string().min(1),
  publicKey: z.string().min(1),
});

export interface ApiKeyView {
  keyId: string;
  tenancyId: string;
  userId: string;
  fingerprint: string;
  timeCreated: string;
}

export function registerApiKeyRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { engine } = ctx;
  const base = `${API_PREFIX}/oci/api-keys`;

  app.get(base, async (): Promise<{ apiKeys: ApiKeyView[] }> => ({
    apiKeys: await engine.read((view) => view.list('fr.ApiKey').map((k) => ({ keyId: k.id, tenancyId: k.tenancyId, userId: k.userId, fingerprint: k.fingerprint, timeCreated: k.timeCreated }))),
  }));

  app.post(base, async (req, reply) => {
    const b = parseInput(keyBody, req.body, 'body');
    const key = await engine.mutate('admin:api-key', (tx) => registerApiKey(tx, { tenancyId: b.tenancyId, userId: b.userId, fingerprint: b.fingerprint, publicKeyPem: b.publicKey }));
    const view: ApiKeyView = { keyId: key.id, tenancyId: key.tenancyId, userId: key.userId, fingerprint: key.fingerprint, timeCreated: key.timeCreated };
    return reply.code(201).send(view);
  });

  // keyIds contain slashes, so the id is the rest of the path (it may also be percent-encoded).
  app.delete(`${base}/*`, async (req, reply) => {
    const keyId = decodeURIComponent((req.params as { '*': string })['*']);
    if (keyId === '') throw fastroute.invalid('InvalidParameter', 'a keyId is required');
    await engine.mutate('admin:api-key', (tx) => {
      removeApiKey(tx, keyId);
    });
    return reply.code(204).send();
  });
}

// A non-loopback bind puts the admin API behind the admin token and is warned about; the
// managed-identity endpoint answers loopback clients only. No test binds a non-loopback address
// (the network rule): the token decision is checked on the configuration, and the MSI check is
// driven through Fastify's inject with a remote address.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { adminTokenFor, adminTokenRequired } from '../../src/server/admin-token.ts';
import { remoteBindWarning } from '../../src/server/remote-bind.ts';
import { isLoopbackAddress } from '../../src/config/loopback.ts';
import { createArmApp } from '../../src/api/arm/app.ts';
import { tokenSecret } from '../../src/server/arm-identity.ts';
import { ensureTls } from '../../src/server/tls.ts';
import { Engine } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';

const base = { inMemory: true, adminPort: '0', ociPort: '0', armPort: '0', lab: false, logLevel: 'silent' };

void describe('non-loopback binds', () => {
  void it('put the admin API behind a token instead of being refused (and loopback needs none)', () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10']) {
      const config = loadConfig({ env: {}, flags: { ...base, host } });
      assert.equal(adminTokenRequired(config), true, host);
      assert.match(adminTokenFor(config)?.token ?? '', /^[A-Za-z0-9_-]{43}$/, host);
    }
    for (const host of ['127.0.0.1', 'localhost', '::1']) assert.equal(adminTokenFor(loadConfig({ env: {}, flags: { ...base, host } })), undefined, host);
  });

  void it('warns loudly, and not at all on loopback', () => {
    const warning = remoteBindWarning(loadConfig({ env: {}, flags: { ...base, host: '0.0.0.0' } })) ?? '';
    assert.match(warning, /^WARNING: FastRoute listens on 0\.0\.0\.0, not loopback/);
    assert.match(warning, /strict auth is off/);
    assert.match(warning, /admin token/);
    for (const host of ['127.0.0.1', '127.3.4.5', 'localhost', '::1', '[::1]']) assert.equal(remoteBindWarning({ host, strictAuth: false }), undefined, host);
  });

  void it('tells loopback client addresses from others', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) assert.ok(isLoopbackAddress(a), a);
    for (const a of ['192.0.2.1', '::ffff:10.0.0.1', '0.0.0.0', '', 'fe80::1']) assert.ok(!isLoopbackAddress(a), a);
  });

  void it('/msi/token answers 403 to a client beyond loopback, and a token to a loopback one', async () => {
    const engine = await Engine.open({ store: await openStore({ inMemory: true }) });
    const tls = await ensureTls(undefined, '127.0.0.1');
    const app = createArmApp(
      { engine, strictAuth: false, principals: [], tokenSecret: tokenSecret(undefined), baseUrl: () => 'https://127.0.0.1:1' },
      { logLevel: 'silent', https: { key: tls.keyPem, cert: tls.certPem } },
    );
    try {
      const url = '/msi/token?api-version=2019-08-01&resource=https://management.azure.com/';
      const far = await app.inject({ method: 'GET', url, remoteAddress: '192.0.2.7', headers: { metadata: 'true' } });
      assert.equal(far.statusCode, 403);
      assert.equal(far.json<{ error: string }>().error, 'forbidden');
      const near = await app.inject({ method: 'GET', url, remoteAddress: '127.0.0.1', headers: { metadata: 'true' } });
      assert.equal(near.statusCode, 200, near.body);
    } finally {
      await app.close();
      await engine.close();
    }
  });
});

// A non-loopback bind is refused unless --allow-remote, and warned about when allowed; the
// managed-identity endpoint answers loopback clients only. No test binds a non-loopback address
// (the network rule): start-up must refuse before it opens anything, and the MSI check is driven
// through Fastify's inject with a remote address.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { ConfigError } from '../../src/config/errors.ts';
import { startServer } from '../../src/server/start.ts';
import { remoteBindWarning } from '../../src/server/remote-bind.ts';
import { isLoopbackAddress } from '../../src/config/loopback.ts';
import { createArmApp } from '../../src/api/arm/app.ts';
import { tokenSecret } from '../../src/server/arm-identity.ts';
import { ensureTls } from '../../src/server/tls.ts';
import { Engine } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';

const base = { inMemory: true, adminPort: '0', ociPort: '0', armPort: '0', lab: false, logLevel: 'silent' };

void describe('non-loopback binds', () => {
  void it('refuses --host 0.0.0.0 (or a LAN address) without --allow-remote, before opening anything', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10']) {
      const config = loadConfig({ env: {}, flags: { ...base, host } });
      await assert.rejects(startServer(config), (err: unknown) => err instanceof ConfigError && /not a loopback address.*--allow-remote/s.test(err.message), host);
    }
  });

  void it('warns loudly when allowed, and not at all on loopback', () => {
    const allowed = loadConfig({ env: {}, flags: { ...base, host: '0.0.0.0', allowRemote: true } });
    assert.equal(allowed.allowRemote, true);
    const warning = remoteBindWarning(allowed) ?? '';
    assert.match(warning, /^WARNING: FastRoute listens on 0\.0\.0\.0, not loopback/);
    assert.match(warning, /strict auth is off/);
    assert.equal(loadConfig({ env: { FASTROUTE_ALLOW_REMOTE: 'true' }, flags: base }).allowRemote, true, 'the environment variable works too');
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

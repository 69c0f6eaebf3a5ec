// The harness's OCI SDK settings (sdk-defaults.ts) take effect although oci-common is loaded first:
// a call whose SDK default is to retry (getVirtualCircuit retries 409 IncorrectState up to 8 times)
// reaches the server once, and a run of such errors never opens the circuit breaker (it would after
// 10 calls at 80 % errors and then fail calls without sending them). The server is a bare HTTP
// listener that counts requests, because what is tested is the client's behaviour, not FastRoute's.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ociClients, ociError, type OciClients } from './harness.ts';

const CALLS = 12;

void describe('OCI SDK in the tests: one attempt per call, no circuit breaker', () => {
  let server: Server;
  let requests = 0;
  let clients: OciClients;

  before(async () => {
    server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(409, { 'content-type': 'application/json', 'opc-request-id': `req-${requests}` });
      res.end(JSON.stringify({ code: 'IncorrectState', message: 'The virtual circuit is busy.' }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    clients = ociClients(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  // Before the fix the first call alone took ~94 s (8 attempts with back-off): the timeout fails it.
  void it(`${CALLS} calls answered 409 IncorrectState each reach the server once`, { timeout: 10_000 }, async () => {
    for (let i = 1; i <= CALLS; i++) {
      const err = await ociError(clients.network.getVirtualCircuit({ virtualCircuitId: `ocid1.virtualcircuit.oc1.iad.${i}` }));
      assert.equal(err.statusCode, 409);
      assert.equal(err.serviceCode, 'IncorrectState');
      assert.equal(requests, i);
    }
  });
});

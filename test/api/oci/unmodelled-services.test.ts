// Services FastRoute does not model, reached with their own official SDK clients: each client appends
// its own API version to the endpoint (Database /20160918, File Storage /20171215, Container Engine
// /20180222), and every one of their operations answers 501 NotImplemented naming itself with its
// version and path, so a script learns what stopped it. An API version no catalogued client uses
// names no operation: 404 NotFound.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as containerengine from 'oci-containerengine';
import * as database from 'oci-database';
import * as filestorage from 'oci-filestorage';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { common, ociError, startOciServer, type OciTestServer } from './harness.ts';

void describe('OCI services FastRoute does not model: 501 naming the operation', () => {
  let s: OciTestServer;
  const unsigned = {} as common.AuthParams;
  const compartmentId = DEFAULT_TENANCY_ID;

  before(async () => {
    s = await startOciServer();
  });
  after(async () => {
    await s.close();
  });

  /** The client with FastRoute's endpoint (set last: a region set by the constructor would overwrite it). */
  function at<C extends { endpoint: string }>(client: C): C {
    client.endpoint = s.ociUrl;
    return client;
  }

  void it('Database, File Storage and Container Engine calls each answer 501 with their own version and path', async () => {
    const db = at(new database.DatabaseClient(unsigned));
    const fs = at(new filestorage.FileStorageClient(unsigned));
    const oke = at(new containerengine.ContainerEngineClient(unsigned));
    // Thunks: each call is made only when its turn comes, so no rejection waits unhandled.
    const cases: [() => Promise<unknown>, string, string][] = [
      [() => db.listDbSystems({ compartmentId }), 'listDbSystems', 'GET /20160918/dbSystems'],
      [() => db.getDbSystem({ dbSystemId: 'ocid1.dbsystem.oc1..x' }), 'getDbSystem', 'GET /20160918/dbSystems/{dbSystemId}'],
      [() => fs.createFileSystem({ createFileSystemDetails: { compartmentId, availabilityDomain: 'Uocm:US-ASHBURN-AD-1' } }), 'createFileSystem', 'POST /20171215/fileSystems'],
      [() => fs.listMountTargets({ compartmentId, availabilityDomain: 'Uocm:US-ASHBURN-AD-1' }), 'listMountTargets', 'GET /20171215/mountTargets'],
      [() => oke.getClusterOptions({ clusterOptionId: 'all' }), 'getClusterOptions', 'GET /20180222/clusterOptions/{clusterOptionId}'],
      [() => oke.listClusters({ compartmentId }), 'listClusters', 'GET /20180222/clusters'],
    ];
    for (const [call, operation, request] of cases) {
      const err = await ociError(call());
      assert.deepEqual([err.statusCode, err.serviceCode], [501, 'NotImplemented'], operation);
      assert.equal(err.message, `FastRoute does not implement the OCI operation ${operation} (${request}). See the coverage table in FastRoute's README.`);
    }
  });

  void it('a Core path under another service\'s version, or an unknown version, is no operation: 404', async () => {
    for (const path of ['/20171215/vcns', '/20180222/dbSystems', '/20991231/clusters']) {
      const res = await fetch(`${s.ociUrl}${path}?compartmentId=${compartmentId}`);
      const body = (await res.json()) as { code: string; message: string };
      assert.deepEqual([res.status, body.code], [404, 'NotFound'], path);
    }
  });
});

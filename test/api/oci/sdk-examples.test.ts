// The OCI TypeScript SDK's own examples that touch what FastRoute models, run unchanged (files
// byte-identical to oracle/oci-typescript-sdk, test/fixtures/oci-examples/README.md) each in its own
// Node process against a FastRoute with signatures verified (--strict-auth). The substitutions are
// made at run time only (sdk-example-runner.ts): a ~/.oci/config profile with a key registered with
// FastRoute, every region's endpoint mapped to FastRoute's, and the OCIDs the example takes as argv.
//
// An example passes when it exits 0 with nothing on stderr and without printing an error it caught
// (the examples catch and print most errors themselves); the state it leaves is then checked through
// the API with the same key. An example that reaches an operation FastRoute does not model must stop
// there with 501 NotImplemented naming that operation, and at no other error. For the examples that
// call other services (Database, File Storage, Container Engine: none of them modelled) after
// building their network, the calls they sent are read from FastRoute's side (oci-call-log.ts): the
// network part answered, the first call to the other service is the one 501, and their own cleanup,
// where they have one on that path, ran.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as identity from 'oci-identity';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { ensureCompartment } from '../../../src/lifecycle/oci/compartment.ts';
import { common, ociClients, type OciClients } from './harness.ts';
import { runExample, writeOciProfile, type ExampleRun, type OciProfile } from './sdk-example-runner.ts';
import { recordOciCalls, type OciCall } from './oci-call-log.ts';
import { startTestServer, type TestServer } from '../server.ts';

const USER_ID = 'ocid1.user.oc1..aaaaaaaasdkexampleuser';
const LAUNCH_LINE = /^TypeScript-SDK-Example \[(ocid1\.instance\.[^\]]+)\] current status is RUNNING$/m;

/** Exit 0, a clean stderr, and no error the example caught and printed. */
function assertPassed(run: ExampleRun): void {
  assert.equal(run.stderr, '', 'nothing on stderr');
  assert.doesNotMatch(run.stdout, /Error executing example|OciError/, 'no error printed by the example');
  assert.equal(run.code, 0, 'exit code 0');
}

/** Stopped at `operation` with 501 NotImplemented naming it, and at no other error. */
function assertStoppedAt(run: ExampleRun, operation: string, code: number): void {
  const out = `${run.stdout}\n${run.stderr}`;
  assert.match(out, new RegExp(`FastRoute does not implement the OCI operation ${operation} \\(`));
  assert.deepEqual([...new Set([...out.matchAll(/serviceCode: '(\w+)'/g)].map((m) => m[1]))], ['NotImplemented'], 'the only error is the not-modelled operation');
  assert.deepEqual([...new Set([...out.matchAll(/operationName: '(\w+)'/g)].map((m) => m[1]))], [operation]);
  assert.equal(run.code, code);
}

void describe('OCI SDK examples (oracle/oci-typescript-sdk examples/) run unchanged', () => {
  let s: TestServer;
  let profile: OciProfile;
  let api: OciClients;
  let identityClient: identity.IdentityClient;
  const tenancyId = DEFAULT_TENANCY_ID;
  const run = (file: string, ...args: string[]) => runExample(file, args, profile, s.endpoints.oci);
  const extraHomes: string[] = [];
  /** A profile of its own (user and key), so that examples running at the same time are told apart in the call log. */
  async function ownProfile(userId: string): Promise<OciProfile> {
    const own = writeOciProfile(tenancyId, userId);
    extraHomes.push(own.home);
    const key = await s.api('POST', '/oci/api-keys', { tenancyId, userId, fingerprint: own.fingerprint, publicKey: own.publicKeyPem });
    assert.equal(key.status, 201);
    return own;
  }
  /** Runs the example with its own profile and returns, with its run, the OCI calls it sent as FastRoute answered them. */
  async function traced(userId: string, file: string, ...args: string[]): Promise<{ result: ExampleRun; calls: OciCall[] }> {
    const own = await ownProfile(userId);
    const recording = recordOciCalls(Number(new URL(s.endpoints.oci).port));
    try {
      const result = await runExample(file, args, own, s.endpoints.oci);
      return { result, calls: recording.calls.filter((c) => c.userId === userId) };
    } finally {
      recording.stop();
    }
  }
  const compartment = (name: string) => s.engine.mutate('test:compartment', (tx) => ensureCompartment(tx, { tenancyId, region: 'us-ashburn-1' }, name).id);

  before(async () => {
    s = await startTestServer({ strictAuth: true });
    profile = writeOciProfile(tenancyId, USER_ID);
    const key = await s.api('POST', '/oci/api-keys', { tenancyId, userId: USER_ID, fingerprint: profile.fingerprint, publicKey: profile.publicKeyPem });
    assert.equal(key.status, 201);
    // The test checks state with the same key the examples sign with.
    const auth = new common.SimpleAuthenticationDetailsProvider(tenancyId, USER_ID, profile.fingerprint, profile.privateKeyPem, null);
    api = ociClients(s.endpoints.oci, auth);
    identityClient = new identity.IdentityClient({ authenticationDetailsProvider: auth });
    identityClient.endpoint = s.endpoints.oci;
  });
  after(async () => {
    await s.close();
    for (const home of [profile.home, ...extraHomes]) rmSync(home, { recursive: true, force: true });
  });

  /** The instance the example listed as RUNNING, terminated since, and its subnet and VCN deleted. */
  async function assertLaunchedAndCleanedUp(result: ExampleRun, compartmentId: string): Promise<void> {
    assertPassed(result);
    const instanceId = LAUNCH_LINE.exec(result.stdout)?.[1];
    assert.ok(instanceId, `the example listed its instance as RUNNING:\n${result.stdout}`);
    const instance = (await api.compute.getInstance({ instanceId })).instance;
    assert.deepEqual([instance.lifecycleState, instance.compartmentId, instance.displayName], ['TERMINATED', compartmentId, 'TypeScript-SDK-Example']);
    assert.match(instance.shape, /^VM\./);
    const vcns = (await api.network.listVcns({ compartmentId })).items;
    assert.deepEqual(vcns.map((v) => [v.displayName, v.cidrBlocks, v.lifecycleState]), [['TypeScript-SDK-Example', ['10.0.0.0/16'], 'TERMINATED']], 'the VCN it created, deleted');
    const subnets = (await api.network.listSubnets({ compartmentId })).items;
    assert.deepEqual(subnets.map((x) => [x.displayName, x.vcnId, x.lifecycleState]), [['TypeScript-SDK-Example', vcns[0]?.id, 'TERMINATED']], 'its subnet, deleted');
  }

  void it('typescript/launch_instance.ts: AD → shape → image → VCN → subnet → instance RUNNING, then terminates and deletes it all', async () => {
    const compartmentId = await compartment('sdk-example-launch-ts');
    await assertLaunchedAndCleanedUp(await run('typescript/launch_instance.ts', tenancyId, compartmentId), compartmentId);
  });

  void it('javascript/launch_instance.js: the same flow, in JavaScript', async () => {
    const compartmentId = await compartment('sdk-example-launch-js');
    await assertLaunchedAndCleanedUp(await run('javascript/launch_instance.js', tenancyId, compartmentId), compartmentId);
  });

  void it("custom-retry.ts / .js: their retry configurations around ListAvailabilityDomains print the tenancy's first AD", async () => {
    const compartmentId = await compartment('sdk-example-retry');
    for (const result of [await run('typescript/custom-retry.ts', tenancyId, compartmentId, 'us-ashburn-1'), await run('javascript/custom-retry.js', tenancyId)]) {
      assertPassed(result);
      assert.match(result.stdout, /^Availability Domain :Uocm:US-ASHBURN-AD-1$/m);
    }
  });

  void it('move-compartment.ts / .js: both compartments are created under the tenancy; MoveCompartment (nesting) is not modelled', async () => {
    // The TypeScript version lets the rejection end the process (exit 1); the JavaScript one catches and prints it.
    assertStoppedAt(await run('typescript/move-compartment.ts'), 'moveCompartment', 1);
    const js = await run('javascript/move-compartment.js');
    assertStoppedAt(js, 'moveCompartment', 0);
    assert.match(js.stdout, /^error: {2}OciError: FastRoute does not implement the OCI operation moveCompartment/m);
    const listed = await identityClient.listCompartments({ compartmentId: tenancyId, sortBy: identity.requests.ListCompartmentsRequest.SortBy.Name });
    const made = listed.items.filter((c) => c.name.startsWith('cp_'));
    assert.deepEqual(made.map((c) => [c.name, c.description, c.compartmentId, c.lifecycleState]), [
      ['cp_source_TSSDK', 'compartment source', tenancyId, 'ACTIVE'],
      ['cp_source_TSSDK1', 'compartment source', tenancyId, 'ACTIVE'],
      ['cp_target_TSSDK', 'compartment target', tenancyId, 'ACTIVE'],
      ['cp_target_TSSDK2', 'compartment target', tenancyId, 'ACTIVE'],
    ], 'created, and still under the tenancy (not moved)');
  });

  void it('tagging.ts / .js: tag namespaces are not modelled, so they stop at CreateTagNamespace before creating their VCN', async () => {
    assertStoppedAt(await run('typescript/tagging.ts'), 'createTagNamespace', 1);
    assertStoppedAt(await run('javascript/tagging.js'), 'createTagNamespace', 1);
    const vcns = (await api.network.listVcns({ compartmentId: tenancyId })).items;
    assert.deepEqual(vcns.filter((v) => v.displayName === 'SDK for TypeScript tagging example VCN'), []);
  });

  void it('pagination.ts: builds its compartment iterator, then stops at ListUsers (users are not modelled)', async () => {
    const result = await run('typescript/pagination.ts');
    assertStoppedAt(result, 'listUsers', 1);
    assert.match(result.stdout, /^---testing load all compartments---$/m);
  });

  /** The network calls answered, then `operation` (the first call to the other service) 501, and no other error; returns the operations in order. */
  function assertCallsStopAt(calls: readonly OciCall[], operation: string): string[] {
    const ops = calls.map((c) => c.operation ?? `${c.method} ${c.url}`);
    const failed = calls.filter((c) => c.status >= 400).map((c) => [c.operation, c.status]);
    assert.deepEqual(failed, [[operation, 501]], `the only failing call is ${operation}:\n${ops.join('\n')}`);
    const at = ops.indexOf(operation);
    assert.ok(['listAvailabilityDomains', 'createVcn', 'createSubnet'].every((op) => ops.slice(0, at).includes(op)), `the network was built first:\n${ops.join('\n')}`);
    return ops;
  }

  /** The example's VCN and subnets in `compartmentId`, each as [displayName, cidr, lifecycleState], subnets by name. */
  async function networkOf(compartmentId: string): Promise<{ vcns: string[][]; subnets: string[][] }> {
    const vcns = (await api.network.listVcns({ compartmentId })).items;
    const subnets = (await api.network.listSubnets({ compartmentId })).items;
    assert.ok(subnets.every((x) => x.vcnId === vcns[0]?.id), 'the subnets are in its VCN');
    return {
      vcns: vcns.map((v) => [v.displayName ?? '', v.cidrBlock ?? '', v.lifecycleState]),
      subnets: [...subnets].sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? '')).map((x) => [x.displayName ?? '', x.cidrBlock ?? '', x.lifecycleState]),
    };
  }

  // Their network parts only wait on FastRoute, so they run at the same time, each under its own user.
  void describe('examples that build a network, then call a service FastRoute does not model', { concurrency: true }, () => {
    void it('database.ts: VCN and subnet built, LaunchDbSystem 501 (Database not modelled), and its finally block deletes the subnet and VCN', async () => {
      const compartmentId = await compartment('sdk-example-database');
      // The example checks for four arguments though its header lists three (the fourth is unused).
      const { result, calls } = await traced('ocid1.user.oc1..aaaaaaaasdkexampledatabase', 'typescript/database.ts', tenancyId, compartmentId, 'Example-Passw0rd#', 'unused');
      const ops = assertCallsStopAt(calls, 'launchDbSystem');
      assert.deepEqual(ops.slice(ops.indexOf('launchDbSystem') + 1).filter((op) => op.startsWith('delete')), ['deleteSubnet', 'deleteVcn'], 'its cleanup ran');
      assert.match(result.stdout, /^Error executing exampleError: FastRoute does not implement the OCI operation launchDbSystem \(POST \/20160918\/dbSystems\)/m);
      assert.match(result.stdout, /^DONE$/m);
      assert.equal(result.code, 0, 'it caught the error itself');
      // oci-common's retrier warns (console.warn) of an error it will not retry; nothing else is on stderr.
      assert.match(result.stderr, /^Request cannot be retried\. Not Retrying\. Exception occurred : Error: FastRoute does not implement the OCI operation launchDbSystem \(POST \/20160918\/dbSystems\)\. See the coverage table in FastRoute's README\.\n$/);
      assert.deepEqual(await networkOf(compartmentId), {
        vcns: [['typescript-sdk-example', '10.0.0.0/16', 'TERMINATED']],
        subnets: [['typescript-sdk-example', '10.0.0.0/16', 'TERMINATED']],
      });
    });

    void it('filestorage.ts: VCN and subnet built, CreateFileSystem 501 (File Storage not modelled); the example only cleans up after success, so they stay', async () => {
      const compartmentId = await compartment('sdk-example-filestorage');
      const { result, calls } = await traced('ocid1.user.oc1..aaaaaaaasdkexamplefilestorage', 'typescript/filestorage.ts', compartmentId, 'ts-sdk-fs-example');
      assertCallsStopAt(calls, 'createFileSystem');
      assert.equal(calls.at(-1)?.operation, 'createFileSystem', 'nothing after it');
      assert.match(result.stdout, /^Created VCN and subnet$/m);
      assert.match(result.stderr, /Not able to execut File Storage example\. Error:Error: FastRoute does not implement the OCI operation createFileSystem \(POST \/20171215\/fileSystems\)/);
      assert.equal(result.code, 1, 'its rethrown error ends the process');
      assert.deepEqual(await networkOf(compartmentId), {
        vcns: [['ts_sdk_fs_example_vcn', '10.0.0.0/16', 'AVAILABLE']],
        subnets: [['ts_sdk_fs_example_subnet', '10.0.0.0/16', 'AVAILABLE']],
      });
    });

    const okeSubnets = (n: number) => ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'].slice(0, n).map((cidr, i) => [`ts_sdk_oke_example_subnet_${i + 1}`, cidr, 'AVAILABLE']);
    for (const [file, subnetCount, thrown] of [
      ['typescript/conatinerengine-cluster.ts', 2, 'Error Executing container engine example'],
      ['javascript/containerengine-cluster.js', 2, 'Error Executing container engine example'],
      ['typescript/containerengine-node-pool.ts', 3, 'Error running Container Engine nodepool example'],
    ] as const) {
      void it(`${file}: VCN and ${subnetCount} subnets built, GetClusterOptions 501 (Container Engine not modelled); the example only cleans up after success`, async () => {
        const compartmentId = await compartment(`sdk-example-${file.replace(/\W/g, '-')}`);
        const { result, calls } = await traced(`ocid1.user.oc1..aaaaaaaasdkexample${file.replace(/\W/g, '')}`, file, compartmentId);
        assertCallsStopAt(calls, 'getClusterOptions');
        assert.equal(calls.at(-1)?.operation, 'getClusterOptions', 'nothing after it');
        assert.equal(calls.filter((c) => c.operation === 'createSubnet').length, subnetCount);
        // The example replaces the error by a fixed text; the call log above names the operation.
        assert.match(result.stderr, new RegExp(thrown));
        assert.equal(result.code, 1, 'its thrown text ends the process');
        assert.deepEqual(await networkOf(compartmentId), { vcns: [['ts_sdk_oke_example_vcn', '10.0.0.0/16', 'AVAILABLE']], subnets: okeSubnets(subnetCount) });
      });
    }
  });
});

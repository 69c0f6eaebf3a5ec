// The Identity API's compartments through the official oci-identity IdentityClient: create, get and
// list (one level under the tenancy, as FastRoute models them), OCI's errors for what is wrong, an
// explicit refusal for nesting, and 501 NotImplemented naming the Identity operations not modelled.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as identity from 'oci-identity';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { common, ociError, startOciServer, type OciTestServer } from './harness.ts';

const tenancyId = DEFAULT_TENANCY_ID;

void describe('OCI Identity: compartments', () => {
  let s: OciTestServer;
  let client: identity.IdentityClient;
  const create = (name: string, extra: Partial<identity.models.CreateCompartmentDetails> = {}) =>
    client.createCompartment({ createCompartmentDetails: { compartmentId: tenancyId, name, description: `${name} description`, ...extra } });

  before(async () => {
    s = await startOciServer();
    client = new identity.IdentityClient({} as common.AuthParams);
    client.endpoint = s.ociUrl;
  });
  after(async () => {
    client.close();
    await s.close();
  });

  void it('creates a compartment under the tenancy, CREATING then ACTIVE, with its tags; Get and List show it', async () => {
    const made = (await create('net-prod', { freeformTags: { team: 'net' }, definedTags: { ops: { owner: 'x' } } })).compartment;
    assert.match(made.id, /^ocid1\.compartment\.oc1\.\.aaaaaaaa[a-z2-7]{52}$/);
    assert.deepEqual(
      [made.compartmentId, made.name, made.description, made.lifecycleState, made.freeformTags, made.definedTags],
      [tenancyId, 'net-prod', 'net-prod description', 'CREATING', { team: 'net' }, { ops: { owner: 'x' } }],
    );
    // The SDK's own waiter, as OCI asks ("first make sure its lifecycleState has changed to ACTIVE").
    const got = (await client.createWaiters().forCompartment({ compartmentId: made.id }, identity.models.Compartment.LifecycleState.Active))?.compartment;
    assert.deepEqual(got, { ...made, lifecycleState: 'ACTIVE' });
    const listed = await client.listCompartments({ compartmentId: tenancyId, name: 'net-prod' });
    assert.deepEqual(listed.items.map((c) => c.id), [made.id]);
    // A compartment holds no compartments: FastRoute models one level.
    assert.deepEqual((await client.listCompartments({ compartmentId: made.id })).items, []);
  });

  void it('lists by name or by creation time, one page at a time', async () => {
    for (const n of ['list-b', 'list-c', 'list-a']) await create(n);
    const mine = (items: identity.models.Compartment[]) => items.map((c) => c.name).filter((n) => n.startsWith('list-'));
    const byName = await client.listCompartments({ compartmentId: tenancyId, sortBy: identity.requests.ListCompartmentsRequest.SortBy.Name });
    assert.deepEqual(mine(byName.items), ['list-a', 'list-b', 'list-c']);
    const times = (await client.listCompartments({ compartmentId: tenancyId })).items.map((c) => Date.parse(String(c.timeCreated)));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first by default');
    const first = await client.listCompartments({ compartmentId: tenancyId, sortBy: identity.requests.ListCompartmentsRequest.SortBy.Name, limit: 1 });
    assert.equal(first.items.length, 1);
    assert.ok(first.opcNextPage, 'a next page while more remain');
    const all: string[] = [];
    for await (const c of client.listAllCompartments({ compartmentId: tenancyId, limit: 2 })) all.push(c.name);
    assert.deepEqual(all.filter((n) => n.startsWith('list-')).sort(), ['list-a', 'list-b', 'list-c']);
  });

  void it("answers OCI's errors: a taken name, missing fields, a parent that is not the caller's", async () => {
    await create('dup');
    const dup = await ociError(create('dup'));
    assert.deepEqual([dup.statusCode, dup.serviceCode, dup.message], [409, 'CompartmentAlreadyExists', "A compartment with name 'dup' already exists."]);
    const noDescription = await ociError(client.createCompartment({ createCompartmentDetails: { compartmentId: tenancyId, name: 'nodesc' } as never }));
    assert.deepEqual([noDescription.statusCode, noDescription.serviceCode, noDescription.message], [400, 'MissingParameter', 'Missing parameter: description.']);
    const badName = await ociError(create('has space'));
    assert.deepEqual([badName.statusCode, badName.serviceCode], [400, 'InvalidParameter']);
    const foreign = await ociError(create('x', { compartmentId: 'ocid1.compartment.oc1..aaaaaaaanosuchcompartment' }));
    assert.deepEqual([foreign.statusCode, foreign.serviceCode], [404, 'NotAuthorizedOrNotFound']);
    const missing = await ociError(client.getCompartment({ compartmentId: 'ocid1.compartment.oc1..aaaaaaaanosuchcompartment' }));
    assert.deepEqual([missing.statusCode, missing.serviceCode], [404, 'NotAuthorizedOrNotFound']);
  });

  void it("answers GetCompartment of the tenancy's own OCID with the root compartment: the tenancy, without a parent", async () => {
    const root = (await client.getCompartment({ compartmentId: tenancyId })).compartment;
    assert.deepEqual(root, {
      id: tenancyId, name: 'fastroute', description: 'fastroute', lifecycleState: 'ACTIVE', timeCreated: '1970-01-01T00:00:00.000Z', freeformTags: {}, definedTags: {},
    });
    // Another tenancy's OCID is not the caller's root: not found, as any foreign id.
    const other = await ociError(client.getCompartment({ compartmentId: 'ocid1.tenancy.oc1..aaaaaaaaothertenancy' }));
    assert.deepEqual([other.statusCode, other.serviceCode], [404, 'NotAuthorizedOrNotFound']);
  });

  void it('refuses a compartment inside a compartment by name (nesting is not modelled)', async () => {
    const parent = (await create('parent')).compartment;
    const nested = await ociError(create('child', { compartmentId: parent.id }));
    assert.deepEqual([nested.statusCode, nested.serviceCode], [400, 'InvalidParameter']);
    assert.match(nested.message, /Nested compartments are not modelled/);
    assert.match(nested.message, new RegExp(parent.id.replace(/\./g, '\\.')));
  });

  void it('answers 501 NotImplemented naming the Identity operations FastRoute does not model', async () => {
    const users = await ociError(client.listUsers({ compartmentId: tenancyId }));
    assert.deepEqual([users.statusCode, users.serviceCode], [501, 'NotImplemented']);
    assert.match(users.message, /does not implement the OCI operation listUsers \(GET \/20160918\/users\)/);
    const parent = (await create('to-move')).compartment;
    const move = await ociError(client.moveCompartment({ compartmentId: parent.id, moveCompartmentDetails: { targetCompartmentId: tenancyId } }));
    assert.deepEqual([move.statusCode, move.serviceCode], [501, 'NotImplemented']);
    assert.match(move.message, /moveCompartment/);
  });
});

// World.get finds Azure resources by their ARM id in any letter case (ARM ids are case-insensitive),
// through a replace that changes the id's case and after a delete, as committed changes apply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { World, keyOf, type ChangeEntry } from '../../src/model/world.ts';

const ID = '/subscriptions/0000/resourceGroups/RG-Lab/providers/Microsoft.Network/virtualNetworks/VNet-Hub';

function vnet(id: string, name: string): unknown {
  return { id, name, properties: {} };
}

function put(world: World, before: unknown, after: unknown): void {
  const change: ChangeEntry = { kind: 'azure.VirtualNetwork', key: keyOf('azure.VirtualNetwork', ID), before, after };
  world.apply([change]);
}

void test('an Azure resource is found by its id as stored, folded or shouted; and no longer once deleted', () => {
  const world = new World();
  const first = vnet(ID, 'hub');
  put(world, undefined, first);
  for (const id of [ID, ID.toLowerCase(), ID.toUpperCase()]) assert.equal(world.get('azure.VirtualNetwork', id), first, id);

  const renamed = vnet(ID.toLowerCase(), 'hub-2'); // a PUT that spells the id in another case replaces the same resource
  put(world, first, renamed);
  for (const id of [ID, ID.toLowerCase(), ID.toUpperCase()]) assert.equal(world.get('azure.VirtualNetwork', id), renamed, id);

  put(world, renamed, undefined);
  for (const id of [ID, ID.toLowerCase()]) assert.equal(world.get('azure.VirtualNetwork', id), undefined, id);
  assert.deepEqual(world.list('azure.VirtualNetwork'), []);
});

void test('OCI ids are exact: another case is another (absent) resource', () => {
  const world = new World();
  const vcn = { id: 'ocid1.vcn.oc1.iad.aaaa', displayName: 'vcn' };
  world.apply([{ kind: 'oci.Vcn', key: vcn.id, before: undefined, after: vcn }]);
  assert.equal(world.get('oci.Vcn', vcn.id), vcn);
  assert.equal(world.get('oci.Vcn', vcn.id.toUpperCase()), undefined);
  world.clear();
  assert.equal(world.get('oci.Vcn', vcn.id), undefined);
});

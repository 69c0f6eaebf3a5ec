// DHCP options through the official SDK over HTTP: the VCN's default set, a custom set's life
// (create, get, list filters, update, delete), the option checks OCI makes, the sets that cannot be
// deleted (default, in use), and a subnet's dhcpOptionsId checked against its VCN.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { core, fastWaiters, ociError, startOciServer, type OciTestServer } from './harness.ts';

const compartmentId = DEFAULT_TENANCY_ID;
const { Available, Terminated } = core.models.DhcpOptions.LifecycleState;
const { ServerType } = core.models.DhcpDnsOption;

const customDns = (servers: string[]): core.models.DhcpDnsOption => ({ type: 'DomainNameServer', serverType: ServerType.CustomDnsServer, customDnsServers: servers });
const searchDomain = (names: string[]): core.models.DhcpSearchDomainOption => ({ type: 'SearchDomain', searchDomainNames: names });

void describe('OCI API: DHCP options', () => {
  let s: OciTestServer;
  let vcn: core.models.Vcn;
  let defaultSet: string;

  before(async () => {
    s = await startOciServer();
    vcn = (await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'vcn-dhcp', cidrBlocks: ['10.0.0.0/16'], dnsLabel: 'corp' } })).vcn;
    defaultSet = vcn.defaultDhcpOptionsId ?? '';
  });
  after(async () => {
    await s.close();
  });

  const create = (options: core.models.DhcpOption[], extra: Partial<core.models.CreateDhcpDetails> = {}) =>
    s.network.createDhcpOptions({ createDhcpDetails: { compartmentId, vcnId: vcn.id, options, ...extra } });

  void it("shows the VCN's default set: Internet and VCN Resolver plus the VCN's domain, and it cannot be deleted", async () => {
    const got = await s.network.getDhcpOptions({ dhcpId: defaultSet });
    assert.equal(got.dhcpOptions.vcnId, vcn.id);
    assert.equal(got.dhcpOptions.displayName, 'Default DHCP Options for vcn-dhcp');
    assert.deepEqual(got.dhcpOptions.options, [
      { type: 'DomainNameServer', serverType: 'VcnLocalPlusInternet' },
      { type: 'SearchDomain', searchDomainNames: ['corp.oraclevcn.com'] },
    ]);
    const listed = await s.network.listDhcpOptions({ compartmentId, vcnId: vcn.id });
    assert.ok(listed.items.some((d) => d.id === defaultSet), 'the default set is listed');
    const refused = await ociError(s.network.deleteDhcpOptions({ dhcpId: defaultSet }));
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.serviceCode, 'Conflict');
    assert.equal((await s.network.getDhcpOptions({ dhcpId: defaultSet })).dhcpOptions.lifecycleState, Available, 'still there');
  });

  void it('runs a custom set through its life: create, waiter, list filters, update with if-match, delete', async () => {
    const created = await create([customDns(['10.0.0.10', '10.0.0.11']), searchDomain(['example.internal'])], { displayName: 'corp-dns', domainNameType: core.models.CreateDhcpDetails.DomainNameType.CustomDomain });
    assert.equal(created.dhcpOptions.lifecycleState, 'PROVISIONING');
    assert.ok(created.etag);
    assert.equal(created.dhcpOptions.domainNameType, 'CUSTOM_DOMAIN');
    const ready = await fastWaiters(s).network.forDhcpOptions({ dhcpId: created.dhcpOptions.id }, Available);
    assert.equal(ready?.dhcpOptions.lifecycleState, 'AVAILABLE');

    const other = (await s.network.createVcn({ createVcnDetails: { compartmentId, displayName: 'vcn-other', cidrBlocks: ['10.9.0.0/16'] } })).vcn;
    await s.network.createDhcpOptions({ createDhcpDetails: { compartmentId, vcnId: other.id, displayName: 'corp-dns', options: [customDns(['10.9.0.2'])] } });
    const byVcn = await s.network.listDhcpOptions({ compartmentId, vcnId: vcn.id, displayName: 'corp-dns' });
    assert.deepEqual(byVcn.items.map((d) => d.id), [created.dhcpOptions.id], 'vcnId narrows to one VCN');
    const byName = await s.network.listDhcpOptions({ compartmentId, displayName: 'corp-dns', sortBy: core.requests.ListDhcpOptionsRequest.SortBy.Displayname });
    assert.equal(byName.items.length, 2, 'without vcnId the compartment\'s sets of every VCN are listed');

    const got = await s.network.getDhcpOptions({ dhcpId: created.dhcpOptions.id });
    const updated = await s.network.updateDhcpOptions({ dhcpId: created.dhcpOptions.id, updateDhcpDetails: { options: [customDns(['10.0.0.53'])], displayName: 'one-dns' }, ifMatch: got.etag });
    assert.deepEqual(updated.dhcpOptions.options, [customDns(['10.0.0.53'])], 'options are replaced as a whole');
    assert.equal(updated.dhcpOptions.displayName, 'one-dns');
    const stale = await ociError(s.network.updateDhcpOptions({ dhcpId: created.dhcpOptions.id, updateDhcpDetails: { displayName: 'x' }, ifMatch: got.etag }));
    assert.equal(stale.statusCode, 412);

    await s.network.deleteDhcpOptions({ dhcpId: created.dhcpOptions.id });
    const gone = await fastWaiters(s).network.forDhcpOptions({ dhcpId: created.dhcpOptions.id }, Terminated);
    assert.equal(gone?.dhcpOptions.lifecycleState, 'TERMINATED');
    const afterDelete = await ociError(s.network.updateDhcpOptions({ dhcpId: created.dhcpOptions.id, updateDhcpDetails: { displayName: 'y' } }));
    assert.equal(afterDelete.serviceCode, 'IncorrectState');
    const available = await s.network.listDhcpOptions({ compartmentId, vcnId: vcn.id, lifecycleState: Available });
    assert.ok(!available.items.some((d) => d.id === created.dhcpOptions.id), 'the lifecycleState filter leaves it out');
  });

  void it('refuses options OCI refuses, and stores nothing', async () => {
    const before = (await s.network.listDhcpOptions({ compartmentId, vcnId: vcn.id })).items.length;
    const cases: [core.models.DhcpOption[], string, RegExp][] = [
      [[customDns(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'])], 'InvalidParameter', /at most 3/],
      [[customDns([])], 'InvalidParameter', /at least one/],
      [[customDns(['10.0.0.300'])], 'InvalidParameter', /not a valid IPv4/],
      [[{ ...customDns(['8.8.8.8']), serverType: ServerType.VcnLocalPlusInternet }], 'InvalidParameter', /only when serverType is CustomDnsServer/],
      [[{ type: 'DomainNameServer', serverType: ServerType.VcnLocal }], 'InvalidParameter', /reserved/],
      [[{ type: 'DomainNameServer' }], 'MissingParameter', /serverType/],
      [[searchDomain([])], 'InvalidParameter', /exactly one/],
      [[searchDomain(['bad_name..example'])], 'InvalidParameter', /not a valid search domain/],
      [[customDns(['10.0.0.2']), customDns(['10.0.0.3'])], 'InvalidParameter', /only one DomainNameServer/],
    ];
    for (const [options, code, message] of cases) {
      const err = await ociError(create(options));
      assert.equal(err.statusCode, 400, JSON.stringify(options));
      assert.equal(err.serviceCode, code, JSON.stringify(options));
      assert.match(err.message, message);
    }
    const unknownType = await ociError(create([{ type: 'NtpServer' }]));
    assert.equal(unknownType.serviceCode, 'CannotParseRequest', 'an option type the model does not have');
    const noOptions = await ociError(s.network.createDhcpOptions({ createDhcpDetails: { compartmentId, vcnId: vcn.id } as core.models.CreateDhcpDetails }));
    assert.equal(noOptions.serviceCode, 'MissingParameter');
    const noVcn = await ociError(s.network.createDhcpOptions({ createDhcpDetails: { compartmentId, vcnId: 'ocid1.vcn.oc1.iad.nope', options: [] } }));
    assert.equal(noVcn.serviceCode, 'RelatedResourceNotAuthorizedOrNotFound');
    assert.equal((await s.network.listDhcpOptions({ compartmentId, vcnId: vcn.id })).items.length, before, 'no set was created');
    const badUpdate = await ociError(s.network.updateDhcpOptions({ dhcpId: defaultSet, updateDhcpDetails: { options: [customDns([])] } }));
    assert.equal(badUpdate.statusCode, 400);
    assert.equal((await s.network.getDhcpOptions({ dhcpId: defaultSet })).dhcpOptions.options.length, 2, 'the default set is unchanged');
  });

  void it("checks a subnet's dhcpOptionsId against its VCN, and keeps a set in use from being deleted", async () => {
    const set = (await create([customDns(['10.0.0.2'])], { displayName: 'for-subnet' })).dhcpOptions;
    const other = (await s.network.createVcn({ createVcnDetails: { compartmentId, cidrBlocks: ['10.20.0.0/16'] } })).vcn;
    const foreign = await ociError(s.network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: other.id, cidrBlock: '10.20.1.0/24', dhcpOptionsId: set.id } }));
    assert.equal(foreign.statusCode, 400);
    assert.equal(foreign.serviceCode, 'InvalidParameter');
    const unknown = await ociError(s.network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: vcn.id, cidrBlock: '10.0.5.0/24', dhcpOptionsId: 'ocid1.dhcpoptions.oc1.iad.nope' } }));
    assert.equal(unknown.serviceCode, 'RelatedResourceNotAuthorizedOrNotFound');

    const subnet = (await s.network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: vcn.id, cidrBlock: '10.0.6.0/24', dhcpOptionsId: set.id } })).subnet;
    assert.equal(subnet.dhcpOptionsId, set.id);
    const inUse = await ociError(s.network.deleteDhcpOptions({ dhcpId: set.id }));
    assert.equal(inUse.statusCode, 409);
    assert.match(inUse.message, new RegExp(subnet.id));
    const holder = (await s.network.createDhcpOptions({ createDhcpDetails: { compartmentId, vcnId: other.id, options: [] } })).dhcpOptions;
    const vcnBusy = await ociError(s.network.deleteVcn({ vcnId: other.id }));
    assert.equal(vcnBusy.statusCode, 409, 'a VCN that holds a custom set cannot be deleted');
    assert.match(vcnBusy.message, new RegExp(holder.id));
    await s.network.deleteDhcpOptions({ dhcpId: holder.id });
    await s.network.deleteVcn({ vcnId: other.id });

    await s.network.updateSubnet({ subnetId: subnet.id, updateSubnetDetails: { dhcpOptionsId: defaultSet } });
    await s.network.deleteDhcpOptions({ dhcpId: set.id });
    assert.equal((await s.network.getDhcpOptions({ dhcpId: set.id })).dhcpOptions.lifecycleState, Terminated, 'unused, it can go');
  });
});

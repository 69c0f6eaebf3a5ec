// DRGs, their attachments, route tables and route distributions through the official oci-core SDK:
// the defaults a new DRG comes with, VCN attachments and their filters, static and dynamic DRG
// route rules, distributions and statements, and the errors users meet (409 delete, 412 if-match).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { buildAzure, buildOci, connect } from '../../helpers/interconnect.ts';
import { core, fastWaiters, ociError, startOciServer, type OciTestServer } from './harness.ts';

const compartmentId = DEFAULT_TENANCY_ID;
const { Drg, DrgAttachment, Vcn } = core.models;
const CIDR_RULE = core.models.AddDrgRouteRuleDetails.DestinationType.CidrBlock;
const ALL = core.requests.ListDrgAttachmentsRequest.AttachmentType.All;

void describe('OCI API: DRGs', () => {
  let s: OciTestServer;
  let waiters: ReturnType<typeof fastWaiters>['network'];

  async function availableVcn(cidr: string, displayName: string): Promise<string> {
    const vcnId = (await s.network.createVcn({ createVcnDetails: { compartmentId, displayName, cidrBlocks: [cidr] } })).vcn.id;
    await waiters.forVcn({ vcnId }, Vcn.LifecycleState.Available);
    return vcnId;
  }

  async function availableDrg(displayName: string): Promise<core.models.Drg> {
    const drgId = (await s.network.createDrg({ createDrgDetails: { compartmentId, displayName } })).drg.id;
    const drg = (await waiters.forDrg({ drgId }, Drg.LifecycleState.Available))?.drg;
    assert.ok(drg);
    return drg;
  }

  async function attach(drgId: string, vcnId: string, displayName: string): Promise<core.models.DrgAttachment> {
    const created = await s.network.createDrgAttachment({
      createDrgAttachmentDetails: { drgId, displayName, networkDetails: { type: 'VCN', id: vcnId, vcnRouteType: 'VCN_CIDRS' } },
    });
    const att = (await waiters.forDrgAttachment({ drgAttachmentId: created.drgAttachment.id }, DrgAttachment.LifecycleState.Attached))?.drgAttachment;
    assert.ok(att);
    return att;
  }

  before(async () => {
    s = await startOciServer();
    waiters = fastWaiters(s).network;
  });
  after(async () => {
    await s.close();
  });

  void it('creates a DRG with its default route tables and distributions, and waits it to AVAILABLE', async () => {
    const created = (await s.network.createDrg({ createDrgDetails: { compartmentId, displayName: 'drg-defaults' } })).drg;
    assert.equal(created.lifecycleState, 'PROVISIONING');
    const tables = created.defaultDrgRouteTables;
    assert.ok(tables?.vcn && tables.virtualCircuit && created.defaultExportDrgRouteDistributionId);
    assert.equal(tables.ipsecTunnel, tables.virtualCircuit, 'one table is shared by VC, IPSec and RPC attachments');
    assert.equal(tables.remotePeeringConnection, tables.virtualCircuit);

    const drg = (await waiters.forDrg({ drgId: created.id }, Drg.LifecycleState.Available))?.drg;
    assert.equal(drg?.lifecycleState, 'AVAILABLE');

    const listed = (await s.network.listDrgRouteTables({ drgId: created.id })).items;
    assert.deepEqual(listed.map((t) => t.id).sort(), [tables.vcn, tables.virtualCircuit].sort());
    const vcnTable = (await s.network.getDrgRouteTable({ drgRouteTableId: tables.vcn })).drgRouteTable;
    assert.ok(vcnTable.importDrgRouteDistributionId, 'the VCN table imports through a distribution');
    const byImport = await s.network.listDrgRouteTables({ drgId: created.id, importDrgRouteDistributionId: vcnTable.importDrgRouteDistributionId });
    assert.deepEqual(byImport.items.map((t) => t.id), [tables.vcn]);

    const dists = (await s.network.listDrgRouteDistributions({ drgId: created.id })).items;
    assert.deepEqual(dists.map((d) => d.distributionType).sort(), ['EXPORT', 'IMPORT', 'IMPORT']);
    const exported = (await s.network.getDrgRouteDistribution({ drgRouteDistributionId: created.defaultExportDrgRouteDistributionId })).drgRouteDistribution;
    assert.equal(exported.distributionType, 'EXPORT');

    assert.ok((await s.network.listDrgs({ compartmentId })).items.some((d) => d.id === created.id));
    const status = (await s.network.getDrgRedundancyStatus({ drgId: created.id })).drgRedundancyStatus;
    assert.deepEqual(status, { id: created.id, status: 'NOT_REDUNDANT_NO_CONNECTION' });
  });

  void it('pages listDrgs and needs compartmentId', async () => {
    for (const n of ['page-a', 'page-b', 'page-c']) await s.network.createDrg({ createDrgDetails: { compartmentId, displayName: n } });
    const first = await s.network.listDrgs({ compartmentId, limit: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.opcNextPage);
    const all: string[] = [];
    for await (const d of s.network.listDrgsRecordIterator({ compartmentId, limit: 2 })) all.push(d.id);
    assert.equal(new Set(all).size, all.length, 'no DRG twice across pages');
    assert.equal((await ociError(s.network.listDrgs({ compartmentId: '' }))).serviceCode, 'MissingParameter');
  });

  void it('updates a DRG under if-match and refuses a stale etag with 412 NoEtagMatch', async () => {
    const drg = await availableDrg('drg-etag');
    const { etag } = await s.network.getDrg({ drgId: drg.id });
    const renamed = await s.network.updateDrg({ drgId: drg.id, updateDrgDetails: { displayName: 'drg-etag-2', freeformTags: { team: 'net' } }, ifMatch: etag });
    assert.equal(renamed.drg.displayName, 'drg-etag-2');
    assert.deepEqual(renamed.drg.freeformTags, { team: 'net' });
    assert.notEqual(renamed.etag, etag);
    const stale = await ociError(s.network.updateDrg({ drgId: drg.id, updateDrgDetails: { displayName: 'drg-etag-3' }, ifMatch: etag }));
    assert.deepEqual([stale.statusCode, stale.serviceCode], [412, 'NoEtagMatch']);
    assert.equal((await s.network.getDrg({ drgId: drg.id })).drg.displayName, 'drg-etag-2', 'the refused update changed nothing');

    // The default table for VCN attachments can be swapped for one of the DRG's own tables.
    const own = (await s.network.createDrgRouteTable({ createDrgRouteTableDetails: { drgId: drg.id, displayName: 'rt-own' } })).drgRouteTable;
    const swapped = await s.network.updateDrg({ drgId: drg.id, updateDrgDetails: { defaultDrgRouteTables: { vcn: own.id } } });
    assert.equal(swapped.drg.defaultDrgRouteTables?.vcn, own.id);
    assert.equal(swapped.drg.defaultDrgRouteTables?.virtualCircuit, drg.defaultDrgRouteTables?.virtualCircuit);
  });

  void it('attaches a VCN (ATTACHED, default VCN table, legacy vcnId) and filters listDrgAttachments', async () => {
    const drg = await availableDrg('drg-attach');
    const vcnA = await availableVcn('10.60.0.0/16', 'vcn-a');
    const vcnB = await availableVcn('10.61.0.0/16', 'vcn-b');
    const a = await attach(drg.id, vcnA, 'att-a');
    assert.equal(a.lifecycleState, 'ATTACHED');
    assert.equal(a.drgRouteTableId, drg.defaultDrgRouteTables?.vcn);
    assert.equal(a.vcnId, vcnA, 'the deprecated vcnId is still returned');
    assert.equal(a.networkDetails?.type, 'VCN');
    assert.equal((a.networkDetails as core.models.VcnDrgAttachmentNetworkDetails).vcnRouteType, 'VCN_CIDRS');
    // The legacy create form: a bare vcnId.
    const b = (await s.network.createDrgAttachment({ createDrgAttachmentDetails: { drgId: drg.id, vcnId: vcnB, displayName: 'att-b' } })).drgAttachment;
    assert.equal(b.networkDetails?.id, vcnB);

    const ids = async (r: Omit<core.requests.ListDrgAttachmentsRequest, 'compartmentId'>) => (await s.network.listDrgAttachments({ compartmentId, ...r })).items.map((x) => x.id).sort();
    assert.deepEqual(await ids({ drgId: drg.id }), [a.id, b.id].sort());
    assert.deepEqual(await ids({ vcnId: vcnA }), [a.id]);
    assert.deepEqual(await ids({ networkId: vcnB }), [b.id]);
    assert.deepEqual(await ids({ drgId: drg.id, displayName: 'att-a' }), [a.id]);
    assert.deepEqual(await ids({ drgId: drg.id, lifecycleState: 'attached' }), [a.id, b.id].sort(), 'lifecycleState is case-insensitive');
    assert.deepEqual(await ids({ drgId: drg.id, drgRouteTableId: drg.defaultDrgRouteTables?.virtualCircuit }), []);
    assert.deepEqual(await ids({ drgId: drg.id, attachmentType: core.requests.ListDrgAttachmentsRequest.AttachmentType.VirtualCircuit }), []);

    const twice = await ociError(s.network.createDrgAttachment({ createDrgAttachmentDetails: { drgId: drg.id, vcnId: vcnA } }));
    assert.deepEqual([twice.statusCode, twice.serviceCode], [409, 'Conflict'], 'a VCN attaches to one DRG only');
    const other = await ociError(s.network.createDrgAttachment({ createDrgAttachmentDetails: { drgId: drg.id, networkDetails: { type: 'VIRTUAL_CIRCUIT', id: 'x' } } }));
    assert.equal(other.serviceCode, 'CannotParseRequest', 'only the VCN variant of networkDetails can be created');

    const renamed = await s.network.updateDrgAttachment({ drgAttachmentId: a.id, updateDrgAttachmentDetails: { displayName: 'att-a2' } });
    assert.equal(renamed.drgAttachment.displayName, 'att-a2');
    const noExport = await ociError(s.network.updateDrgAttachment({ drgAttachmentId: a.id, updateDrgAttachmentDetails: { exportDrgRouteDistributionId: drg.defaultExportDrgRouteDistributionId } }));
    assert.equal(noExport.serviceCode, 'InvalidParameter', 'VCN attachments take no export distribution');
  });

  void it('pages getAllDrgAttachments with limit, answering bare ids', async () => {
    const drg = await availableDrg('drg-all');
    const atts = [];
    for (const [i, cidr] of ['10.70.0.0/16', '10.71.0.0/16', '10.72.0.0/16'].entries()) atts.push(await attach(drg.id, await availableVcn(cidr, `vcn-all-${i}`), `att-all-${i}`));
    const first = await s.network.getAllDrgAttachments({ drgId: drg.id, limit: 2 });
    assert.equal(first.items.length, 2);
    assert.deepEqual(Object.keys(first.items[0] ?? {}), ['id']);
    assert.ok(first.opcNextPage);
    const second = await s.network.getAllDrgAttachments({ drgId: drg.id, limit: 2, page: first.opcNextPage });
    assert.equal(second.opcNextPage, undefined);
    assert.deepEqual([...first.items, ...second.items].map((x) => x.id).sort(), atts.map((x) => x.id).sort());
    const vcs = await s.network.getAllDrgAttachments({ drgId: drg.id, attachmentType: core.requests.GetAllDrgAttachmentsRequest.AttachmentType.VirtualCircuit });
    assert.deepEqual(vcs.items, []);
    assert.equal((await ociError(s.network.getAllDrgAttachments({ drgId: 'ocid1.drg.oc1.iad.nothere' }))).statusCode, 404);
  });

  void it('lists the VCN route as DYNAMIC with provenance VCN, and adds, updates and removes static rules', async () => {
    const drg = await availableDrg('drg-rules');
    const tableId = drg.defaultDrgRouteTables?.vcn ?? '';
    const spoke = await attach(drg.id, await availableVcn('10.80.0.0/16', 'vcn-spoke'), 'att-spoke');
    const hub = await attach(drg.id, await availableVcn('10.81.0.0/16', 'vcn-hub'), 'att-hub');

    const dynamic = (await s.network.listDrgRouteRules({ drgRouteTableId: tableId, routeType: core.requests.ListDrgRouteRulesRequest.RouteType.Dynamic })).items;
    const spokeRoute = dynamic.find((r) => r.destination === '10.80.0.0/16');
    assert.ok(spokeRoute, `10.80.0.0/16 among ${dynamic.map((r) => r.destination).join(', ')}`);
    assert.deepEqual([spokeRoute.routeType, spokeRoute.routeProvenance, spokeRoute.nextHopDrgAttachmentId, spokeRoute.isConflict], ['DYNAMIC', 'VCN', spoke.id, false]);

    // A static rule sending the spoke's CIDR through the hub wins over the learned route.
    const added = (await s.network.addDrgRouteRules({
      drgRouteTableId: tableId,
      addDrgRouteRulesDetails: { routeRules: [{ destination: '10.80.0.0/16', destinationType: CIDR_RULE, nextHopDrgAttachmentId: hub.id }, { destination: '0.0.0.0/0', destinationType: CIDR_RULE, nextHopDrgAttachmentId: hub.id }] },
    })).items;
    assert.equal(added.length, 2);
    assert.deepEqual(added.map((r) => [Boolean(r.id), r.routeType, r.routeProvenance]), [[true, 'STATIC', 'STATIC'], [true, 'STATIC', 'STATIC']]);
    const all = (await s.network.listDrgRouteRules({ drgRouteTableId: tableId })).items.filter((r) => r.destination === '10.80.0.0/16');
    assert.deepEqual(all.map((r) => [r.routeType, r.isConflict]), [['STATIC', false], ['DYNAMIC', true]], 'the static rule wins; the learned one is flagged isConflict');

    const statics = (await s.network.listDrgRouteRules({ drgRouteTableId: tableId, routeType: core.requests.ListDrgRouteRulesRequest.RouteType.Static })).items;
    assert.deepEqual(statics.map((r) => r.destination).sort(), ['0.0.0.0/0', '10.80.0.0/16']);
    const paged = await s.network.listDrgRouteRules({ drgRouteTableId: tableId, limit: 1 });
    assert.equal(paged.items.length, 1);
    assert.ok(paged.opcNextPage);

    const defaultRule = added.find((r) => r.destination === '0.0.0.0/0');
    assert.ok(defaultRule);
    const updated = (await s.network.updateDrgRouteRules({ drgRouteTableId: tableId, updateDrgRouteRulesDetails: { routeRules: [{ id: defaultRule.id, destination: '192.168.0.0/16' }] } })).items;
    assert.deepEqual(updated.map((r) => [r.id, r.destination, r.nextHopDrgAttachmentId]), [[defaultRule.id, '192.168.0.0/16', hub.id]]);
    const clash = await ociError(s.network.updateDrgRouteRules({ drgRouteTableId: tableId, updateDrgRouteRulesDetails: { routeRules: [{ id: defaultRule.id, destination: '10.80.0.0/16' }] } }));
    assert.equal(clash.serviceCode, 'InvalidParameter', 'two static rules for one destination');

    const inUse = await ociError(s.network.deleteDrgAttachment({ drgAttachmentId: hub.id }));
    assert.deepEqual([inUse.statusCode, inUse.serviceCode], [409, 'Conflict'], 'a static rule still points at the hub');

    await s.network.removeDrgRouteRules({ drgRouteTableId: tableId, removeDrgRouteRulesDetails: { routeRuleIds: added.map((r) => r.id) } });
    const left = (await s.network.listDrgRouteRules({ drgRouteTableId: tableId })).items;
    assert.deepEqual(left.map((r) => [r.routeType, r.isConflict]), [['DYNAMIC', false], ['DYNAMIC', false]]);
    assert.deepEqual(left.map((r) => r.destination).sort(), ['10.80.0.0/16', '10.81.0.0/16']);
  });

  void it('creates an import distribution with statements, and a route table importing through it', async () => {
    const drg = await availableDrg('drg-dist');
    const att = await attach(drg.id, await availableVcn('10.90.0.0/16', 'vcn-dist'), 'att-dist');
    const created = (await s.network.createDrgRouteDistribution({
      createDrgRouteDistributionDetails: { drgId: drg.id, displayName: 'import-vcn', distributionType: core.models.CreateDrgRouteDistributionDetails.DistributionType.Import },
    })).drgRouteDistribution;
    const dist = (await waiters.forDrgRouteDistribution({ drgRouteDistributionId: created.id }, core.models.DrgRouteDistribution.LifecycleState.Available))?.drgRouteDistribution;
    assert.equal(dist?.distributionType, 'IMPORT');
    assert.deepEqual((await s.network.listDrgRouteDistributions({ drgId: drg.id, displayName: 'import-vcn' })).items.map((d) => d.id), [created.id]);

    const byAttachment = { matchType: 'DRG_ATTACHMENT_ID', drgAttachmentId: att.id };
    const byType = { matchType: 'DRG_ATTACHMENT_TYPE', attachmentType: core.models.DrgAttachmentTypeDrgRouteDistributionMatchCriteria.AttachmentType.VirtualCircuit } as core.models.DrgAttachmentTypeDrgRouteDistributionMatchCriteria;
    const ACCEPT = core.models.AddDrgRouteDistributionStatementDetails.Action.Accept;
    const added = (await s.network.addDrgRouteDistributionStatements({
      drgRouteDistributionId: created.id,
      addDrgRouteDistributionStatementsDetails: { statements: [{ priority: 20, action: ACCEPT, matchCriteria: [byType] }, { priority: 10, action: ACCEPT, matchCriteria: [byAttachment] }] },
    })).items;
    assert.equal(added.length, 2);
    const listed = (await s.network.listDrgRouteDistributionStatements({ drgRouteDistributionId: created.id })).items;
    assert.deepEqual(listed.map((x) => [x.priority, x.matchCriteria[0]?.matchType]), [[10, 'DRG_ATTACHMENT_ID'], [20, 'DRG_ATTACHMENT_TYPE']], 'listed by priority');
    assert.equal((listed[0]?.matchCriteria[0] as core.models.DrgAttachmentIdDrgRouteDistributionMatchCriteria).drgAttachmentId, att.id);

    const dup = await ociError(s.network.addDrgRouteDistributionStatements({
      drgRouteDistributionId: created.id, addDrgRouteDistributionStatementsDetails: { statements: [{ priority: 10, action: ACCEPT, matchCriteria: [] }] },
    }));
    assert.equal(dup.serviceCode, 'InvalidParameter', 'priorities are unique in a distribution');

    const typeStatement = added.find((x) => x.priority === 20);
    assert.ok(typeStatement);
    const updated = (await s.network.updateDrgRouteDistributionStatements({
      drgRouteDistributionId: created.id, updateDrgRouteDistributionStatementsDetails: { statements: [{ id: typeStatement.id, priority: 5 }] },
    })).items;
    assert.deepEqual(updated.map((x) => [x.id, x.priority, x.matchCriteria[0]?.matchType]), [[typeStatement.id, 5, 'DRG_ATTACHMENT_TYPE']]);

    const table = (await s.network.createDrgRouteTable({ createDrgRouteTableDetails: { drgId: drg.id, displayName: 'rt-import', importDrgRouteDistributionId: created.id } })).drgRouteTable;
    await waiters.forDrgRouteTable({ drgRouteTableId: table.id }, core.models.DrgRouteTable.LifecycleState.Available);
    const imported = (await s.network.listDrgRouteRules({ drgRouteTableId: table.id })).items;
    assert.deepEqual(imported.map((r) => [r.destination, r.routeProvenance, r.nextHopDrgAttachmentId]), [['10.90.0.0/16', 'VCN', att.id]]);

    const inUse = await ociError(s.network.deleteDrgRouteDistribution({ drgRouteDistributionId: created.id }));
    assert.equal(inUse.statusCode, 409, 'a distribution imported by a table cannot be deleted');
    const detached = await s.network.removeImportDrgRouteDistribution({ drgRouteTableId: table.id });
    assert.equal(detached.drgRouteTable.importDrgRouteDistributionId ?? null, null);
    assert.deepEqual((await s.network.listDrgRouteRules({ drgRouteTableId: table.id })).items, [], 'nothing is imported any more');

    await s.network.removeDrgRouteDistributionStatements({ drgRouteDistributionId: created.id, removeDrgRouteDistributionStatementsDetails: { statementIds: [typeStatement.id] } });
    assert.equal((await s.network.listDrgRouteDistributionStatements({ drgRouteDistributionId: created.id })).items.length, 1);
    const renamed = await s.network.updateDrgRouteDistribution({ drgRouteDistributionId: created.id, updateDrgRouteDistributionDetails: { displayName: 'import-renamed' } });
    assert.equal(renamed.drgRouteDistribution.displayName, 'import-renamed');

    const exportStatements = await ociError(s.network.addDrgRouteDistributionStatements({
      drgRouteDistributionId: drg.defaultExportDrgRouteDistributionId ?? '', addDrgRouteDistributionStatementsDetails: { statements: [{ priority: 2, action: ACCEPT, matchCriteria: [] }] },
    }));
    assert.equal(exportStatements.serviceCode, 'InvalidParameter');
    const exportCreate = await ociError(s.network.createDrgRouteDistribution({ createDrgRouteDistributionDetails: { drgId: drg.id, distributionType: 'EXPORT' as never } }));
    assert.equal(exportCreate.serviceCode, 'InvalidParameter', 'only import distributions can be created');

    await s.network.deleteDrgRouteDistribution({ drgRouteDistributionId: created.id });
    assert.equal((await s.network.getDrgRouteDistribution({ drgRouteDistributionId: created.id })).drgRouteDistribution.lifecycleState, 'TERMINATED');
    await s.network.deleteDrgRouteTable({ drgRouteTableId: table.id });
    const defaultTable = await ociError(s.network.deleteDrgRouteTable({ drgRouteTableId: drg.defaultDrgRouteTables?.vcn ?? '' }));
    assert.equal(defaultTable.statusCode, 409, 'a default table cannot be deleted');
  });

  void it('refuses to delete a DRG that has attachments (409), then deletes it once they are detached', async () => {
    const drg = await availableDrg('drg-delete');
    const att = await attach(drg.id, await availableVcn('10.95.0.0/16', 'vcn-delete'), 'att-delete');
    const refused = await ociError(s.network.deleteDrg({ drgId: drg.id }));
    assert.deepEqual([refused.statusCode, refused.serviceCode], [409, 'Conflict']);
    await s.network.deleteDrgAttachment({ drgAttachmentId: att.id });
    const gone = await waiters.forDrgAttachment({ drgAttachmentId: att.id }, DrgAttachment.LifecycleState.Detached);
    assert.equal(gone?.drgAttachment.lifecycleState, 'DETACHED');
    assert.deepEqual((await s.network.getAllDrgAttachments({ drgId: drg.id })).items, [], 'detached attachments are not among all attachments');
    await s.network.deleteDrg({ drgId: drg.id });
    const terminated = await waiters.forDrg({ drgId: drg.id }, Drg.LifecycleState.Terminated);
    assert.equal(terminated?.drg.lifecycleState, 'TERMINATED');
    assert.equal((await s.network.getDrgRedundancyStatus({ drgId: drg.id })).drgRedundancyStatus.status, 'NOT_AVAILABLE');
  });
});

void describe('OCI API: a DRG with a virtual circuit to Azure', () => {
  let s: OciTestServer;
  let drgId = '';
  let vcId = '';
  before(async () => {
    s = await startOciServer();
    const azure = await buildAzure(s.engine);
    ({ drgId, vcId } = await buildOci(s.engine, azure.serviceKey));
    await connect(s.engine, azure);
  });
  after(async () => {
    await s.close();
  });

  void it('lists the VIRTUAL_CIRCUIT attachment only when asked for its type or ALL', async () => {
    const types = async (attachmentType?: core.requests.ListDrgAttachmentsRequest.AttachmentType) =>
      (await s.network.listDrgAttachments({ compartmentId, drgId, ...(attachmentType ? { attachmentType } : {}) })).items.map((a) => a.networkDetails?.type).sort();
    assert.deepEqual(await types(), ['VCN'], 'VCN attachments by default');
    assert.deepEqual(await types(ALL), ['VCN', 'VIRTUAL_CIRCUIT']);
    const vc = (await s.network.listDrgAttachments({ compartmentId, networkId: vcId, attachmentType: core.requests.ListDrgAttachmentsRequest.AttachmentType.VirtualCircuit })).items;
    assert.equal(vc.length, 1);
    assert.equal(vc[0]?.lifecycleState, 'ATTACHED');
    const refused = await ociError(s.network.deleteDrgAttachment({ drgAttachmentId: vc[0]?.id ?? '' }));
    assert.equal(refused.statusCode, 400, 'a VC attachment goes away with its virtual circuit');
    assert.equal((await s.network.getAllDrgAttachments({ drgId })).items.length, 2);
  });

  void it('reports one virtual circuit as not redundant, even with its two BGP links up', async () => {
    // Read through the engine: the virtual-circuit operations are not this file's subject.
    const vc = await s.engine.read((view) => view.get('oci.VirtualCircuit', vcId));
    assert.equal(vc?.bgpSessionState, 'UP');
    const status = (await s.network.getDrgRedundancyStatus({ drgId })).drgRedundancyStatus;
    assert.equal(status.status, 'NOT_REDUNDANT_SINGLE_VIRTUALCIRCUIT');
  });
});

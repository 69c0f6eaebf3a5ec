// What FastRoute answers after a change through the official clients is what a fresh computation
// answers: a DRG attachment's vcnRouteType decides what Azure learns (issue 11 defect 4), and random
// sequences of representative updates through oci-core and @azure/arm-network over HTTP leave no
// memoised routing answer stale.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { OciError } from 'oci-common';
import { RestError } from '@azure/core-rest-pipeline';
import { parseLab } from '../../src/lab/parse.ts';
import { upLab } from '../../src/engine/lab-runner.ts';
import { core, ociClients, type OciClients } from './oci/harness.ts';
import { FAST_POLL, startArmServer, type ArmTestServer } from './arm/harness.ts';
import { TUTORIAL } from './server.ts';
import { memoisedAndFresh } from '../helpers/routing-snapshot.ts';

type ArmNetwork = ReturnType<ArmTestServer['clients']>['network'];

const learnedPrefixes = async (network: ArmNetwork, rg: string, gateway: string) =>
  [...new Set((await network.virtualNetworkGateways.beginGetLearnedRoutesAndWait(rg, gateway, FAST_POLL)).value
    ?.filter((r) => r.origin === 'EBgp').map((r) => r.network ?? ''))].sort();

void describe('updateDrgAttachment vcnRouteType through oci-core', () => {
  let s: ArmTestServer;
  let oci: OciClients;
  before(async () => {
    s = await startArmServer({ lab: TUTORIAL });
    oci = ociClients(s.endpoints.oci);
  });
  after(async () => {
    await s.close();
  });

  void it('decides whether Azure learns the subnet CIDRs or the VCN CIDRs', async () => {
    const { network } = s.clients();
    const attachmentId = await s.engine.read((v) => v.list('oci.DrgAttachment').find((a) => a.networkDetails.type === 'VCN')?.id ?? '');
    assert.deepEqual(await learnedPrefixes(network, 'rg-fastroute', 'ergw'), ['10.10.10.0/24'], 'the tutorial attaches its VCN with SUBNET_CIDRS');

    const updated = await oci.network.updateDrgAttachment({ drgAttachmentId: attachmentId, updateDrgAttachmentDetails: { networkDetails: { type: 'VCN', vcnRouteType: 'VCN_CIDRS' } } });
    assert.equal((updated.drgAttachment.networkDetails as { vcnRouteType?: string }).vcnRouteType, 'VCN_CIDRS');
    assert.deepEqual(await learnedPrefixes(network, 'rg-fastroute', 'ergw'), ['10.10.0.0/16'], 'VCN_CIDRS: the DRG imports, and so advertises, the VCN CIDR');

    await oci.network.updateDrgAttachment({ drgAttachmentId: attachmentId, updateDrgAttachmentDetails: { networkDetails: { type: 'VCN', vcnRouteType: 'SUBNET_CIDRS' } } });
    assert.deepEqual(await learnedPrefixes(network, 'rg-fastroute', 'ergw'), ['10.10.10.0/24']);
  });
});

const CIDR_RULE = core.models.RouteRule.DestinationType.CidrBlock;
const DRG_CIDR_RULE = core.models.AddDrgRouteRuleDetails.DestinationType.CidrBlock;
const HUB_SPOKE = new URL('../../labs/hub-and-spoke.yaml', import.meta.url).pathname;
const RG = 'rg-fastroute-hub-spoke';

interface Step { kind: Kind; a: number; flag: boolean }

function pick<T extends { id: string }>(list: readonly T[], i: number): T | undefined {
  const sorted = [...list].sort((x, y) => x.id.localeCompare(y.id));
  return sorted.length === 0 ? undefined : sorted[i % sorted.length];
}

const nameOf = (armId: string) => armId.split('/').pop() ?? '';

// One representative update per family of what routing reads, each through the official client.
// Ids are chosen from the world the server holds; the change itself only travels over HTTP.
function changes(s: ArmTestServer, oci: OciClients, network: ArmNetwork) {
  const world = <T>(f: (v: Parameters<Parameters<ArmTestServer['engine']['read']>[0]>[0]) => T) => s.engine.read(f);
  return {
    async vcnRouteType(st: Step) {
      const att = await world((v) => pick(v.list('oci.DrgAttachment').filter((a) => a.networkDetails.type === 'VCN'), st.a));
      if (att) await oci.network.updateDrgAttachment({ drgAttachmentId: att.id, updateDrgAttachmentDetails: { networkDetails: { type: 'VCN', vcnRouteType: st.flag ? 'VCN_CIDRS' : 'SUBNET_CIDRS' } } });
    },
    async ingressRouteTable(st: Step) {
      const found = await world((v) => {
        const att = pick(v.list('oci.DrgAttachment').filter((a) => a.networkDetails.type === 'VCN'), st.a);
        return att && { att, table: pick(v.children('oci.RouteTable', att.networkDetails.id), st.a >> 2) };
      });
      if (found?.table) await oci.network.updateDrgAttachment({ drgAttachmentId: found.att.id, updateDrgAttachmentDetails: { networkDetails: { type: 'VCN', routeTableId: found.table.id } } });
    },
    async vcnRouteRules(st: Step) {
      const table = await world((v) => pick(v.list('oci.RouteTable'), st.a));
      if (!table) return;
      const kept = table.routeRules.filter((_, i) => i !== (st.a >> 3) % Math.max(1, table.routeRules.length));
      const drgId = table.routeRules.find((r) => r.networkEntityId.startsWith('ocid1.drg.'))?.networkEntityId;
      const added = st.flag && drgId !== undefined && !kept.some((r) => r.destination === '10.23.0.0/16') ? [{ destination: '10.23.0.0/16', networkEntityId: drgId }] : [];
      const rule = (r: { destination: string; networkEntityId: string }) => ({ destination: r.destination, destinationType: CIDR_RULE, networkEntityId: r.networkEntityId });
      await oci.network.updateRouteTable({ rtId: table.id, updateRouteTableDetails: { routeRules: [...kept, ...added].map(rule) } });
    },
    async drgRouteRule(st: Step) {
      const found = await world((v) => {
        const table = pick(v.list('oci.DrgRouteTable'), st.a);
        return table && { table, rule: pick(v.children('oci.DrgRouteRule', table.id), st.a >> 2), next: pick(v.children('oci.DrgAttachment', table.drgId), st.a >> 3) };
      });
      if (!found) return;
      if (!st.flag && found.rule) {
        await oci.network.removeDrgRouteRules({ drgRouteTableId: found.table.id, removeDrgRouteRulesDetails: { routeRuleIds: [found.rule.id] } });
      } else if (found.next) {
        await oci.network.addDrgRouteRules({ drgRouteTableId: found.table.id, addDrgRouteRulesDetails: { routeRules: [{ destination: `10.${10 + (st.a % 13)}.0.0/16`, destinationType: DRG_CIDR_RULE, nextHopDrgAttachmentId: found.next.id }] } });
      }
    },
    async drgTableImport(st: Step) {
      const found = await world((v) => {
        const table = pick(v.list('oci.DrgRouteTable'), st.a);
        return table && { table, dist: pick(v.children('oci.DrgRouteDistribution', table.drgId).filter((d) => d.distributionType === 'IMPORT'), st.a >> 2) };
      });
      if (!found) return;
      if (st.flag || !found.dist) await oci.network.removeImportDrgRouteDistribution({ drgRouteTableId: found.table.id });
      else await oci.network.updateDrgRouteTable({ drgRouteTableId: found.table.id, updateDrgRouteTableDetails: { importDrgRouteDistributionId: found.dist.id } });
    },
    async vnicNsgs(st: Step) {
      const found = await world((v) => {
        const vnic = pick(v.list('oci.Vnic'), st.a);
        const vcnId = vnic ? v.get('oci.Subnet', vnic.subnetId)?.vcnId ?? '' : '';
        return vnic && { vnic, nsg: pick(v.children('oci.NetworkSecurityGroup', vcnId), 0) };
      });
      if (found) await oci.network.updateVnic({ vnicId: found.vnic.id, updateVnicDetails: { nsgIds: st.flag && found.nsg ? [found.nsg.id] : [] } });
    },
    async azureRouteTable(st: Step) {
      const table = await world((v) => pick(v.list('azure.RouteTable'), st.a));
      if (!table) return;
      const current = await network.routeTables.get(RG, table.name);
      const routes = (current.routes ?? []).filter((_, i) => i !== (st.a >> 2) % 3).map((r) => ({ name: r.name, addressPrefix: r.addressPrefix, nextHopType: r.nextHopType, nextHopIpAddress: r.nextHopIpAddress }));
      await network.routeTables.beginCreateOrUpdateAndWait(RG, table.name, { location: current.location, disableBgpRoutePropagation: st.flag, routes }, FAST_POLL);
    },
    async azureSubnetRouteTable(st: Step) {
      const found = await world((v) => {
        const subnet = pick(v.list('azure.Subnet').filter((x) => x.name !== 'GatewaySubnet'), st.a);
        return subnet && { subnet, table: pick(v.list('azure.RouteTable'), st.a >> 2) };
      });
      if (!found) return;
      const vnet = nameOf(found.subnet.fr.parentId);
      const current = await network.subnets.get(RG, vnet, found.subnet.name);
      await network.subnets.beginCreateOrUpdateAndWait(RG, vnet, found.subnet.name, {
        addressPrefix: current.addressPrefix, networkSecurityGroup: current.networkSecurityGroup, routeTable: st.flag && found.table ? { id: found.table.id } : undefined,
      }, FAST_POLL);
    },
    async azureSecurityRule(st: Step) {
      const nsg = await world((v) => pick(v.list('azure.NetworkSecurityGroup'), st.a));
      if (!nsg) return;
      if (st.flag) await network.securityRules.beginDeleteAndWait(RG, nsg.name, 'deny-prop', FAST_POLL);
      else await network.securityRules.beginCreateOrUpdateAndWait(RG, nsg.name, 'deny-prop', { priority: 105, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '10.8.0.0/13', destinationAddressPrefix: '*', sourcePortRange: '*', destinationPortRange: '*' }, FAST_POLL);
    },
    async connection() {
      const connection = await network.virtualNetworkGatewayConnections.get(RG, 'conn-er-hub').catch(() => undefined);
      if (connection) return network.virtualNetworkGatewayConnections.beginDeleteAndWait(RG, 'conn-er-hub', FAST_POLL);
      const ids = await world((v) => ({ gw: v.list('azure.VirtualNetworkGateway')[0], circuit: v.list('azure.ExpressRouteCircuit')[0] }));
      if (!ids.gw || !ids.circuit) return;
      await network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(RG, 'conn-er-hub', {
        location: ids.gw.location, connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: ids.gw.id }, peer: { id: ids.circuit.id },
      }, FAST_POLL);
    },
  } satisfies Record<string, (st: Step) => Promise<void>>;
}

type Kind = keyof ReturnType<typeof changes>;

void describe('memoised routing after updates through the official clients', () => {
  let s: ArmTestServer;
  let oci: OciClients;
  const lab = parseLab(readFileSync(HUB_SPOKE, 'utf8'), HUB_SPOKE);
  before(async () => {
    s = await startArmServer();
    oci = ociClients(s.endpoints.oci);
  });
  after(async () => {
    await s.close();
  });

  void it('equals a fresh computation after every step of random update sequences', async () => {
    const table = changes(s, oci, s.clients().network);
    const kinds = Object.keys(table) as Kind[];
    const succeeded = new Set<Kind>();
    const check = async (after: string) => {
      const { memoised, fresh } = await s.engine.read((view) => memoisedAndFresh(s.engine.routing, view, { traces: true }));
      for (const key of Object.keys(fresh)) assert.deepStrictEqual(memoised[key], fresh[key], `${key} after ${after}`);
    };
    const stepArb = fc.record({ kind: fc.constantFrom(...kinds), a: fc.nat({ max: 1000 }), flag: fc.boolean() });
    await fc.assert(fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 6 }), async (steps) => {
      await s.engine.reset();
      await upLab(s.engine, lab);
      await check('the lab came up');
      for (const [i, st] of steps.entries()) {
        try {
          await table[st.kind](st);
          succeeded.add(st.kind);
        } catch (err) {
          // A refusal as the cloud would answer it changes nothing; anything else is a failure.
          const status = err instanceof OciError ? err.statusCode : err instanceof RestError ? err.statusCode : undefined;
          if (status === undefined || status >= 500) throw err;
        }
        await check(`step ${i} ${JSON.stringify(st)}`);
      }
    }), { numRuns: 25, seed: 4 });
    assert.deepEqual(kinds.filter((k) => !succeeded.has(k)), [], 'every kind of update succeeded in some run');
  });
});

// ExpressRoute: the service providers, circuits with their peerings and authorizations, the
// private peering's ARP / route / route-summary tables per device path, and traffic stats. States,
// limits and errors come from lifecycle/azure/circuit.ts (the OCI side drives provisioning); the
// tables come from routing/diagnostics/circuit.ts.
import { z } from 'zod';
import { arm } from '../../../model/errors.ts';
import type { ExpressRouteCircuit } from '../../../model/azure/expressroute.ts';
import type { ReadView } from '../../../model/world.ts';
import { EXPRESS_ROUTE_SERVICE_PROVIDERS } from '../../../model/interconnect/providers.ts';
import { deleteAuthorization, deleteExpressRouteCircuit, putAuthorization, putExpressRouteCircuit, putPeering } from '../../../lifecycle/azure/circuit.ts';
import { deletePeering } from '../../../lifecycle/azure/circuit-peering-delete.ts';
import { requireSubscription, type AzureScope } from '../../../lifecycle/azure/scope.ts';
import type { Tx } from '../../../model/tx.ts';
import { missingProperty } from '../../../model/validate/azure.ts';
import { circuitArpTable, circuitRouteTable, circuitRouteTableSummary, type CircuitTableOptions } from '../../../routing/diagnostics/index.ts';
import type { Routing } from '../../../routing/routing.ts';
import { provisionedAt } from '../../admin/routes-circuit.ts';
import { acceptedReply, childResource, getTracked, lroToken, RG, rgOf, S, scopeOf, trackedResource } from '../crud.ts';
import type { ArmOperation, ArmRequest } from '../operation.ts';
import { armEnum } from '../schemas/arm-enum.ts';
import { child, tracked } from '../schemas/common.ts';
import type { PostActionResult } from './operation-status.ts';

const NS = 'Microsoft.Network';
const CIRCUIT = `${RG}/providers/${NS}/expressRouteCircuits/{circuitName}`;

const peeringBody = child(z.looseObject({
  peeringType: z.string().optional(),
  state: z.enum(['Enabled', 'Disabled']).optional(),
  peerASN: z.number().optional(),
  primaryPeerAddressPrefix: z.string().optional(),
  secondaryPeerAddressPrefix: z.string().optional(),
  vlanId: z.number().optional(),
  sharedKey: z.string().optional(),
}));

// The key is the server's to generate; a client-sent one is ignored, as ARM does.
const authorizationBody = child(z.looseObject({ authorizationKey: z.string().optional() }));

const circuitBody = tracked(z.looseObject({
  serviceProviderProperties: z.looseObject({
    serviceProviderName: z.string().optional(),
    peeringLocation: z.string().optional(),
    bandwidthInMbps: z.number().optional(),
  }).optional(),
  allowClassicOperations: z.boolean().optional(),
  globalReachEnabled: z.boolean().optional(),
  peerings: z.array(peeringBody).optional(),
  authorizations: z.array(authorizationBody).optional(),
})).extend({ sku: z.looseObject({ name: z.string().optional(), tier: armEnum(['Standard', 'Premium', 'Basic', 'Local']).optional(), family: armEnum(['MeteredData', 'UnlimitedData']).optional() }).optional() });


/**
 * A circuit PUT with its peerings and authorizations inline writes each of them as its own PUT
 * would (the same checks: a private peering needs a provisioned circuit). Children the body does
 * not list are kept (docs/differences.md).
 */
function putCircuitWithChildren(tx: Tx, scope: AzureScope, rg: string, name: string, body: z.output<typeof circuitBody>): ExpressRouteCircuit {
  const circuit = putExpressRouteCircuit(tx, scope, rg, name, body);
  for (const [i, p] of (body.properties?.peerings ?? []).entries()) {
    if (p.name === undefined) throw missingProperty(`properties.peerings[${i}].name`, circuit.id);
    putPeering(tx, scope, rg, name, p.name, p);
  }
  for (const [i, a] of (body.properties?.authorizations ?? []).entries()) {
    if (a.name === undefined) throw missingProperty(`properties.authorizations[${i}].name`, circuit.id);
    putAuthorization(tx, scope, rg, name, a.name);
  }
  return circuit;
}

function circuitOf(req: ArmRequest, view: ReadView): ExpressRouteCircuit {
  return getTracked(view, scopeOf(req), 'azure.ExpressRouteCircuit', rgOf(req), NS, 'expressRouteCircuits', req.params.circuitName ?? '');
}

function providersList(req: ArmRequest) {
  const root = `/subscriptions/${req.params.subscriptionId ?? ''}/providers/${NS}/expressRouteServiceProviders`;
  return {
    value: EXPRESS_ROUTE_SERVICE_PROVIDERS.map((p) => ({
      id: `${root}/${p.name}`, name: p.name, type: `${NS}/expressRouteServiceProviders`,
      properties: { peeringLocations: [...p.peeringLocations], bandwidthsOffered: p.bandwidthsOffered.map((b) => ({ ...b })), provisioningState: 'Succeeded' },
    })),
  };
}

// ── Device-path tables ─────────────────────────────────────────────────────────────────────────

type TableFn = (r: Routing, circuitId: string, devicePath: 'primary' | 'secondary', opts: CircuitTableOptions) => unknown;

const TABLES: readonly { segment: string; sdk: string; compute: TableFn }[] = [
  { segment: 'arpTables', sdk: 'expressRouteCircuits.listArpTable', compute: circuitArpTable },
  { segment: 'routeTables', sdk: 'expressRouteCircuits.listRoutesTable', compute: circuitRouteTable },
  { segment: 'routeTablesSummary', sdk: 'expressRouteCircuits.listRoutesTableSummary', compute: circuitRouteTableSummary },
];

function devicePathOf(text: string): 'primary' | 'secondary' {
  const p = text.toLowerCase();
  if (p === 'primary' || p === 'secondary') return p;
  throw arm.badRequest('InvalidRequestFormat', `devicePath '${text}' is not valid; use Primary or Secondary.`, 'devicePath');
}

/** The OCI virtual circuit keyed with this circuit's service key (the one provisioned, if several). */
function virtualCircuitIdOf(view: ReadView, circuit: ExpressRouteCircuit): string | undefined {
  const key = circuit.properties.serviceKey.toLowerCase();
  const vcs = view.list('oci.VirtualCircuit').filter((vc) => vc.providerServiceKeyName?.toLowerCase() === key && vc.lifecycleState !== 'TERMINATED');
  return (vcs.find((vc) => vc.lifecycleState === 'PROVISIONED') ?? vcs[0])?.id;
}

function tableOptions(req: ArmRequest, args: Record<string, string>): CircuitTableOptions {
  return { now: req.engine.now(), peeringName: args.peeringName ?? 'AzurePrivatePeering', ...(args.since === undefined ? {} : { provisionedAt: args.since }) };
}

/**
 * POST …/peerings/{p}/{table}/{devicePath}: checked at once (unknown circuit, peering or device path
 * fail here), then 202 + Location; the Location GET computes the table from the world as it is then.
 * Uptime and ARP ages count from when the virtual circuit became PROVISIONED (the event log).
 */
function tableOperation(t: (typeof TABLES)[number]): ArmOperation {
  return {
    name: t.sdk, method: 'POST', path: `${CIRCUIT}/peerings/{peeringName}/${t.segment}/{devicePath}`,
    async handle(req) {
      const devicePath = devicePathOf(req.params.devicePath ?? '');
      const peeringName = req.params.peeringName ?? '';
      const found = await req.engine.read((view) => {
        const circuit = circuitOf(req, view);
        t.compute(req.engine.routing, circuit.id, devicePath, { peeringName });
        return { circuit, vcId: virtualCircuitIdOf(view, circuit) };
      });
      const since = await provisionedAt(req.engine, found.vcId);
      const args = { peeringName, devicePath, ...(since === undefined ? {} : { since }) };
      return acceptedReply(req, lroToken(req, 'post', 'azure.ExpressRouteCircuit', found.circuit.id, NS, found.circuit.location, { action: t.sdk, args }));
    },
  };
}

export const EXPRESS_ROUTE_POST_RESULTS: Record<string, PostActionResult> = Object.fromEntries(TABLES.map((t) => [
  t.sdk,
  ((req, _view, token) => {
    const args = token.args ?? {};
    return t.compute(req.engine.routing, token.id, devicePathOf(args.devicePath ?? ''), tableOptions(req, args));
  }) satisfies PostActionResult,
]));

// ── Stats ───────────────────────────────────────────────────────────────────────────────────────

/** FastRoute carries no traffic, so the byte counters stay 0 (docs/differences.md). */
const ZERO_STATS = { primarybytesIn: 0, primarybytesOut: 0, secondarybytesIn: 0, secondarybytesOut: 0 };

const STATS_OPERATIONS: ArmOperation[] = [
  {
    name: 'expressRouteCircuits.getStats', method: 'GET', path: `${CIRCUIT}/stats`,
    async handle(req) {
      return req.engine.read((view) => {
        circuitOf(req, view);
        return { body: { ...ZERO_STATS } };
      });
    },
  },
  {
    name: 'expressRouteCircuits.getPeeringStats', method: 'GET', path: `${CIRCUIT}/peerings/{peeringName}/stats`,
    async handle(req) {
      return req.engine.read((view) => {
        const circuit = circuitOf(req, view);
        const name = req.params.peeringName ?? '';
        if (!view.get('azure.ExpressRouteCircuitPeering', `${circuit.id}/peerings/${name}`)) throw arm.notFound(`${NS}/expressRouteCircuits/peerings`, `${circuit.name}/${name}`, rgOf(req));
        return { body: { ...ZERO_STATS } };
      });
    },
  },
];

export const EXPRESS_ROUTE_OPERATIONS: ArmOperation[] = [
  {
    name: 'expressRouteServiceProviders.list', method: 'GET', path: `${S}/providers/${NS}/expressRouteServiceProviders`,
    async handle(req) {
      return req.engine.read((view) => {
        requireSubscription(view, scopeOf(req));
        return { body: providersList(req) };
      });
    },
  },
  ...trackedResource({
    sdk: 'expressRouteCircuits', kind: 'azure.ExpressRouteCircuit', ns: NS, collection: 'expressRouteCircuits', param: 'circuitName', body: circuitBody,
    put: putCircuitWithChildren, remove: deleteExpressRouteCircuit,
  }),
  ...childResource({
    sdk: 'expressRouteCircuitPeerings', kind: 'azure.ExpressRouteCircuitPeering', parentKind: 'azure.ExpressRouteCircuit', ns: NS,
    parentCollection: 'expressRouteCircuits', parentParam: 'circuitName', collection: 'peerings', param: 'peeringName', body: peeringBody,
    put: putPeering, remove: deletePeering,
  }),
  ...childResource({
    sdk: 'expressRouteCircuitAuthorizations', kind: 'azure.ExpressRouteCircuitAuthorization', parentKind: 'azure.ExpressRouteCircuit', ns: NS,
    parentCollection: 'expressRouteCircuits', parentParam: 'circuitName', collection: 'authorizations', param: 'authorizationName', body: authorizationBody,
    put: (tx, scope, rg, circuitName, name) => putAuthorization(tx, scope, rg, circuitName, name), remove: deleteAuthorization,
  }),
  ...TABLES.map(tableOperation),
  ...STATS_OPERATIONS,
];

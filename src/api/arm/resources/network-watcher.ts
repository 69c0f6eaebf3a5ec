// Network Watcher: the resource (one per subscription and region, as `az network watcher list` and
// `configure` expect) and its nextHop and ipFlowVerify (SDK networkWatchers.beginGetNextHopAndWait /
// beginVerifyIPFlowAndWait), answered from FastRoute's routing and NSG evaluation.
//
// Azure creates "NetworkWatcher_<region>" in "NetworkWatcherRG" by itself when a VNet is created in
// a region. FastRoute creates nothing the caller did not ask for, so the diagnostics answer on a
// created watcher and also on a watcher name that was never created (standing in for the one Azure
// would have made), in any resource group that exists; they do not compare the watcher's region
// with the target's (docs/differences.md).
//
// As in NRP, the POST answers 202 + Location and the result is on the Location GET. The request is
// checked at once (addresses, ports, the target VM or NIC), so a bad one is a synchronous 400/404;
// the result itself is computed when polled, from the parameters carried in the operation id.
import { z } from 'zod';
import { requireResourceGroup } from '../../../lifecycle/azure/scope.ts';
import { ipFlowVerify, nextHop } from '../../../routing/diagnostics/index.ts';
import { armNotFound } from '../../../routing/diagnostics/resolve.ts';
import type { Routing } from '../../../routing/routing.ts';
import type { ArmOperation } from '../operation.ts';
import { parseArmBody } from '../protocol/body.ts';
import { acceptedReply, lroToken, RG, rgOf, scopeOf, trackedResource } from '../crud.ts';
import { deleteNetworkWatcher, putNetworkWatcher } from '../../../lifecycle/azure/network-watcher.ts';
import { tracked } from '../schemas/common.ts';
import { armEnum } from '../schemas/arm-enum.ts';
import type { PostActionResult } from './operation-status.ts';

const NS = 'Microsoft.Network';
const WATCHER = `${RG}/providers/${NS}/networkWatchers/{networkWatcherName}`;

// Plain (stripping) objects: unknown fields are ignored, as ARM does, and never reach the token.
const nextHopBody = z.object({
  targetResourceId: z.string(),
  sourceIPAddress: z.string(),
  destinationIPAddress: z.string(),
  targetNicResourceId: z.string().optional(),
});

// The SDK sends ports as strings; other clients send numbers, which ARM's deserialiser accepts.
const port = z.union([z.string(), z.number()]).transform(String);

const ipFlowBody = z.object({
  targetResourceId: z.string(),
  direction: armEnum(['Inbound', 'Outbound']),
  protocol: armEnum(['TCP', 'UDP']),
  localIPAddress: z.string(),
  localPort: port,
  remoteIPAddress: z.string(),
  remotePort: port,
  targetNicResourceId: z.string().optional(),
});

interface WatcherAction<S extends z.ZodType<Record<string, string | undefined>>> {
  sdk: string;
  segment: string;
  /** Key of the result in the POST results table (and in the operation id). */
  action: string;
  body: S;
  compute(r: Routing, params: z.output<S>): unknown;
}

/** Operation ids are unsigned tokens, so targets are checked against the subscription on every use. */
function checkSubscription(sub: string, params: Record<string, string | undefined>): void {
  for (const id of [params.targetResourceId, params.targetNicResourceId]) {
    if (id !== undefined && id !== '' && !id.toLowerCase().startsWith(`/subscriptions/${sub.toLowerCase()}/`)) throw armNotFound('', id);
  }
}

/** The parsed parameters as the operation id carries them (strings, no absent keys). */
function tokenArgs(params: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v;
  return out;
}

function operation<S extends z.ZodType<Record<string, string | undefined>>>(a: WatcherAction<S>): ArmOperation {
  return {
    name: a.sdk, method: 'POST', path: `${WATCHER}/${a.segment}`,
    async handle(req) {
      const scope = scopeOf(req);
      const params = parseArmBody(a.body, req.body);
      checkSubscription(scope.subscriptionId, params);
      return req.engine.read((view) => {
        const group = requireResourceGroup(view, scope, rgOf(req));
        a.compute(req.engine.routing, params);
        return acceptedReply(req, lroToken(req, 'post', 'azure.ResourceGroup', group.id, NS, group.location, { action: a.action, args: tokenArgs(params) }));
      });
    },
  };
}

function result<S extends z.ZodType<Record<string, string | undefined>>>(a: WatcherAction<S>): PostActionResult {
  return (req, _view, t) => {
    const params = parseArmBody(a.body, t.args ?? {});
    checkSubscription(t.sub, params);
    return a.compute(req.engine.routing, params);
  };
}

const NEXT_HOP: WatcherAction<typeof nextHopBody> = {
  sdk: 'networkWatchers.getNextHop', segment: 'nextHop', action: 'networkWatchers.nextHop', body: nextHopBody,
  compute: nextHop,
};

const IP_FLOW_VERIFY: WatcherAction<typeof ipFlowBody> = {
  sdk: 'networkWatchers.verifyIPFlow', segment: 'ipFlowVerify', action: 'networkWatchers.ipFlowVerify', body: ipFlowBody,
  compute: ipFlowVerify,
};

export const WATCHER_POST_RESULTS: Record<string, PostActionResult> = {
  [NEXT_HOP.action]: result(NEXT_HOP),
  [IP_FLOW_VERIFY.action]: result(IP_FLOW_VERIFY),
};

const crud = trackedResource({
  sdk: 'networkWatchers', kind: 'azure.NetworkWatcher', ns: NS, collection: 'networkWatchers', param: 'networkWatcherName', body: tracked(z.looseObject({})),
  put: putNetworkWatcher, remove: deleteNetworkWatcher,
});

export const WATCHER_OPERATIONS: ArmOperation[] = [...crud, operation(NEXT_HOP), operation(IP_FLOW_VERIFY)];

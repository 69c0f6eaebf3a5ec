// Azure Monitor's metrics API on the resources that have ExpressRoute metrics:
// GET {resourceId}/providers/Microsoft.Insights/metrics and .../metricDefinitions. The resource must
// exist and the caller must reach its subscription (the app checks that, as on every ARM route);
// query errors answer as Azure Monitor does: 400 with {code, message} at the top level.
import { getArm } from '../../../lifecycle/azure/scope.ts';
import type { Kind } from '../../../model/world.ts';
import { metricsFor } from '../../../metrics/sampler.ts';
import { metricDefinitionsResponse, metricsResponse, MonitorQueryError } from '../../../metrics/azure-query.ts';
import type { ArmOperation, ArmReply, ArmRequest } from '../operation.ts';
import { armApiError } from '../protocol/errors.ts';

const TYPES: Record<string, { kind: Kind; collection: string; namespace: string }> = {
  expressroutecircuits: { kind: 'azure.ExpressRouteCircuit', collection: 'expressRouteCircuits', namespace: 'Microsoft.Network/expressRouteCircuits' },
  virtualnetworkgateways: { kind: 'azure.VirtualNetworkGateway', collection: 'virtualNetworkGateways', namespace: 'Microsoft.Network/virtualNetworkGateways' },
  connections: { kind: 'azure.Connection', collection: 'connections', namespace: 'Microsoft.Network/connections' },
};

const BASE = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/{resourceType}/{resourceName}/providers/Microsoft.Insights';

/** The addressed resource (ARM's 404 when missing), its id as stored and its region. */
async function target(req: ArmRequest): Promise<{ id: string; namespace: string; region: string }> {
  const { subscriptionId = '', resourceGroupName = '', resourceType = '', resourceName = '' } = req.params;
  const type = TYPES[resourceType.toLowerCase()];
  if (type === undefined) throw armApiError.notImplemented(`metrics for Microsoft.Network/${resourceType} (FastRoute serves them for ${Object.values(TYPES).map((t) => t.namespace).join(', ')})`);
  const e = await req.engine.read((view) => getArm(view, { subscriptionId }, type.kind, resourceGroupName, type.collection, resourceName));
  const region = (e as { location?: string }).location ?? '';
  return { id: e.id, namespace: type.namespace, region };
}

async function answer(build: () => Promise<unknown>): Promise<ArmReply> {
  try {
    return { body: await build() };
  } catch (err) {
    if (err instanceof MonitorQueryError) return { status: 400, body: { code: err.code, message: err.message } };
    throw err;
  }
}

export const MONITOR_METRICS_OPERATIONS: readonly ArmOperation[] = [
  {
    name: 'metrics.list',
    method: 'GET',
    path: `${BASE}/metrics`,
    async handle(req) {
      const t = await target(req);
      const history = await metricsFor(req.engine).current();
      return answer(() => Promise.resolve(metricsResponse({ resourceId: t.id, namespace: t.namespace, region: t.region, series: history.forResource(t.id), query: req.query, nowMs: req.engine.now() })));
    },
  },
  {
    name: 'metricDefinitions.list',
    method: 'GET',
    path: `${BASE}/metricDefinitions`,
    async handle(req) {
      const t = await target(req);
      return answer(() => Promise.resolve(metricDefinitionsResponse(t.id, t.namespace)));
    },
  },
];

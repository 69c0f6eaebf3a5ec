// What a deployment shows of its resources: the providers and locations they use, and what each
// waits for (properties.providers and properties.dependencies), for the deployment and its validation.
import type { Deployment } from '../../../model/azure/deployment.ts';
import type { PlannedResource } from '../protocol/arm-template.ts';

/** providers: per namespace, the resource types deployed and their locations. */
export function providersOf(run: { deployed: readonly PlannedResource[]; locations: ReadonlyMap<string, string> }): Deployment['properties']['providers'] {
  const byNs = new Map<string, Map<string, Set<string>>>();
  for (const p of run.deployed) {
    const [ns = '', ...rest] = p.type.split('/');
    const types = byNs.get(ns) ?? new Map<string, Set<string>>();
    byNs.set(ns, types);
    const locations = types.get(rest.join('/')) ?? new Set<string>();
    types.set(rest.join('/'), locations);
    const loc = run.locations.get(p.id);
    if (loc !== undefined) locations.add(loc);
  }
  return [...byNs].map(([namespace, types]) => ({ namespace, resourceTypes: [...types].map(([resourceType, locs]) => ({ resourceType, locations: [...locs] })) }));
}

export function dependenciesOf(plan: readonly PlannedResource[]): Deployment['properties']['dependencies'] {
  const ref = (p: PlannedResource) => ({ id: p.id, resourceType: p.type, resourceName: p.name });
  const byId = new Map(plan.map((p) => [p.id, p]));
  return plan.filter((p) => p.dependsOn.length > 0).map((p) => ({ ...ref(p), dependsOn: p.dependsOn.flatMap((id) => { const d = byId.get(id); return d ? [ref(d)] : []; }) }));
}

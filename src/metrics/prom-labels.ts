// Prometheus labels of a series: the cloud's metric name, namespace and resource id, and one label
// per dimension in snake_case. Shared by the /metrics scrape and FastRoute's own alert evaluation,
// so both see the same label set a Prometheus would.
import type { MetricDef } from './catalogue.ts';

/** "PeeringType" → "peering_type"; OCI's resourceId is the resource_id label already. */
export function labelOf(dimension: string): string {
  return dimension.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function dimensionLabels(m: MetricDef): string[] {
  return m.dimensions.filter((d) => d !== 'resourceId').map(labelOf);
}

export function seriesLabels(m: MetricDef, resourceId: string, dims: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = { cloud_metric: m.name, namespace: m.namespace, resource_id: resourceId };
  m.dimensions.forEach((d, i) => {
    if (d !== 'resourceId') labels[labelOf(d)] = dims[i] ?? '';
  });
  return labels;
}

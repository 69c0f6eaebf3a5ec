// `fastroute status` for humans: where FastRoute runs, its clock, labs, counts, interconnects.
import type { Endpoints, StatusResponse } from '../../api/admin/contract.ts';
import { formatClock } from './clock.ts';
import { formatInterconnects } from './interconnects.ts';
import { keyValueTable, table } from './table.ts';

/** The endpoint lines printed at start-up and by `status`. */
export function formatEndpoints(endpoints: Endpoints, dataLocation: string): string {
  return keyValueTable([
    ['Admin API / console', endpoints.admin],
    ['OCI API', `${endpoints.oci} (default region; ${endpoints.oci}/{region} for others)`],
    ['ARM API', endpoints.arm],
    ['ARM CA certificate', `${endpoints.armCa} (NODE_EXTRA_CA_CERTS / REQUESTS_CA_BUNDLE)`],
    ['Data', dataLocation],
  ]);
}

function formatCounts(counts: StatusResponse['resourceCounts']): string {
  const rows = Object.entries(counts)
    .filter(([kind, n]) => n !== undefined && n > 0 && !kind.startsWith('fr.'))
    .map(([kind, n]) => [kind, n ?? 0] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return rows.length === 0 ? 'No resources.' : table(['Kind', 'Count'], rows);
}

export function formatStatus(s: StatusResponse): string {
  return [
    `FastRoute ${s.version}`,
    formatEndpoints(s.endpoints, s.dataLocation),
    formatClock(s.clock),
    `Labs: ${s.labs.length === 0 ? 'none' : s.labs.join(', ')}`,
    '',
    formatInterconnects(s.interconnects),
    '',
    formatCounts(s.resourceCounts),
  ].join('\n');
}

// The SDK appends /20160918 to whatever endpoint it is given, so regions are told apart by a path
// prefix: http://127.0.0.1:4651/us-ashburn-1 → /us-ashburn-1/20160918/... A request without a
// prefix is served in the configured default region.
import { OCI_REGION_KEYS } from '../../../model/ids.ts';

export const API_VERSION_SEGMENT = '/20160918';

export const OCI_REGIONS: readonly string[] = Object.keys(OCI_REGION_KEYS);

export interface RegionRoute {
  region: string | undefined;
  /** The URL with the region prefix removed, as routes are registered. */
  url: string;
}

/** Splits "/us-ashburn-1/20160918/vcns?x" into the region and "/20160918/vcns?x". */
export function splitRegion(url: string): RegionRoute {
  const m = /^\/([a-z]+-[a-z]+-\d+)(\/.*)?$/.exec(url);
  if (m === null || m[1] === undefined) return { region: undefined, url };
  return { region: m[1], url: m[2] ?? '/' };
}

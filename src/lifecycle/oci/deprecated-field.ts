// Fields OCI deprecated in favour of a newer one still work alone; given both, they must name the
// same resource (LaunchInstanceDetails.subnetId: "if you provide both, the values must match"),
// else 400 InvalidParameter. Silently preferring one would accept, and drop, any id in the other.
import { oci } from '../../model/errors.ts';

/** The id `current` or its deprecated twin names; 400 when both are given and differ. */
export function currentOrDeprecated(current: string | undefined, currentName: string, deprecated: string | undefined, deprecatedName: string): string | undefined {
  if (current !== undefined && deprecated !== undefined && current !== deprecated) {
    throw oci.invalidParameter(`${deprecatedName} (deprecated) and ${currentName} must match when both are given.`);
  }
  return current ?? deprecated;
}

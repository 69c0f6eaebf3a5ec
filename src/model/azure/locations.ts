// The public Azure regions ARM accepts as a resource's location, by programmatic name (what
// `az account list-locations` prints as `name`; Microsoft Learn, "Azure regions list":
// https://learn.microsoft.com/azure/reliability/regions-list). Physical regions only: logical
// ones ("europe", "global") hold no networking resources. Includes restricted-access and canary
// regions, so a user's template never fails here where Azure would take it. A region Microsoft
// opens after this list was written must be added here.
import { arm } from '../errors.ts';

export const AZURE_LOCATIONS: readonly string[] = [
  // Americas
  'eastus', 'eastus2', 'southcentralus', 'westus2', 'westus3', 'centralus', 'northcentralus', 'westus', 'westcentralus',
  'southeastus', 'canadacentral', 'canadaeast', 'brazilsouth', 'brazilsoutheast', 'mexicocentral', 'chilecentral',
  // Europe
  'northeurope', 'westeurope', 'swedencentral', 'swedensouth', 'uksouth', 'ukwest', 'francecentral', 'francesouth',
  'germanywestcentral', 'germanynorth', 'italynorth', 'norwayeast', 'norwaywest', 'polandcentral', 'spaincentral',
  'switzerlandnorth', 'switzerlandwest', 'austriaeast', 'belgiumcentral', 'denmarkeast',
  // Asia Pacific
  'australiaeast', 'australiasoutheast', 'australiacentral', 'australiacentral2', 'southeastasia', 'eastasia',
  'japaneast', 'japanwest', 'koreacentral', 'koreasouth', 'centralindia', 'southindia', 'westindia', 'jioindiawest',
  'jioindiacentral', 'indonesiacentral', 'malaysiawest', 'newzealandnorth', 'taiwannorth', 'taiwannorthwest',
  // Middle East and Africa
  'uaenorth', 'uaecentral', 'qatarcentral', 'israelcentral', 'israelnorthwest', 'southafricanorth', 'southafricawest',
  // Canary and staging regions listed for every subscription
  'eastus2euap', 'centraluseuap', 'eastusstg', 'southcentralusstg',
];

const KNOWN = new Set(AZURE_LOCATIONS);

/** ARM's normal form of a location: display names and names compare without case or spaces ("East US" → "eastus"). */
export function normaliseLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

/**
 * The normalised location, or ARM's refusal for one it does not offer. `type` is the resource type
 * named in the message (ARM lists the type's regions; every region offers the networking types here).
 */
export function requireKnownLocation(location: string, type: string): string {
  const normal = normaliseLocation(location);
  if (KNOWN.has(normal)) return normal;
  throw arm.badRequest('LocationNotAvailableForResourceType',
    `The provided location '${location}' is not available for resource type '${type}'. List of available regions for the resource type is '${AZURE_LOCATIONS.join(',')}'.`, 'location');
}

/** ARM's refusal for a resource group in a location it does not offer. */
export function requireKnownGroupLocation(location: string): string {
  const normal = normaliseLocation(location);
  if (KNOWN.has(normal)) return normal;
  throw arm.badRequest('LocationNotAvailableForResourceGroup',
    `The provided location '${location}' is not available for resource group. List of available regions is '${AZURE_LOCATIONS.join(',')}'.`, 'location');
}

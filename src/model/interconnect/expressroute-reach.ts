// Which Azure regions an ExpressRoute circuit reaches, by SKU tier: Premium every region, Standard the
// regions of its peering location's geopolitical region, Local only the one or two Azure regions local
// to its peering location (ExpressRoute FAQ, "ExpressRoute Local" and "ExpressRoute Premium").
// Data from MicrosoftDocs/azure-docs: includes/expressroute-azure-regions-geopolitical-region.md (the
// geopolitical table, 2024-04-05) and articles/expressroute/expressroute-locations-providers.md ("Local
// Azure regions" column, 2026-04-28), for the peering locations of the interconnect's region pairs only.
import type { CircuitSkuTier } from '../azure/expressroute.ts';
import { normaliseLocation } from '../azure/locations.ts';

/** Azure regions (ARM ids) of each geopolitical region in Microsoft's table. */
const GEOPOLITICAL_REGIONS: Readonly<Record<string, readonly string[]>> = {
  'Australia Government': ['australiacentral', 'australiacentral2'],
  // Spain Central (Madrid's local region) is missing from the table; a Local region lies in its location's geo.
  Europe: ['francecentral', 'francesouth', 'germanynorth', 'germanywestcentral', 'italynorth', 'northeurope', 'norwayeast', 'norwaywest', 'polandcentral', 'swedencentral', 'switzerlandnorth', 'switzerlandwest', 'ukwest', 'uksouth', 'westeurope', 'spaincentral'],
  // Mexico Central (Queretaro's local region) is likewise missing from the table.
  'North America': ['eastus', 'westus', 'eastus2', 'westus2', 'westus3', 'centralus', 'southcentralus', 'northcentralus', 'westcentralus', 'canadacentral', 'canadaeast', 'mexicocentral'],
  Asia: ['eastasia', 'southeastasia'],
  // The table writes "India West/Central/South"; the regions are West, Central and South India.
  India: ['westindia', 'centralindia', 'southindia'],
  Israel: ['israelcentral'],
  Japan: ['japanwest', 'japaneast'],
  Oceania: ['australiaeast', 'australiasoutheast'],
  'South Korea': ['koreacentral', 'koreasouth'],
  UAE: ['uaecentral', 'uaenorth'],
  'South Africa': ['southafricawest', 'southafricanorth'],
  // Brazil Southeast (Rio de Janeiro's local region) is missing from the table.
  'South America': ['brazilsouth', 'brazilsoutheast'],
  Qatar: ['qatarcentral'],
};

interface PeeringLocationReach { geopoliticalRegion: string; localRegions: readonly string[] }

/** The interconnect's peering locations (region-pairs.ts): geopolitical region and local Azure regions. */
const PEERING_LOCATIONS: Readonly<Record<string, PeeringLocationReach>> = {
  Tokyo: { geopoliticalRegion: 'Japan', localRegions: ['japaneast'] },
  Singapore: { geopoliticalRegion: 'Asia', localRegions: ['southeastasia'] },
  Seoul: { geopoliticalRegion: 'South Korea', localRegions: ['koreacentral'] },
  Frankfurt: { geopoliticalRegion: 'Europe', localRegions: ['germanywestcentral'] },
  Frankfurt2: { geopoliticalRegion: 'Europe', localRegions: ['germanywestcentral'] },
  Amsterdam2: { geopoliticalRegion: 'Europe', localRegions: ['westeurope'] },
  London: { geopoliticalRegion: 'Europe', localRegions: ['uksouth'] },
  Johannesburg: { geopoliticalRegion: 'South Africa', localRegions: ['southafricanorth'] },
  Campinas: { geopoliticalRegion: 'South America', localRegions: ['brazilsouth'] },
  Toronto: { geopoliticalRegion: 'North America', localRegions: ['canadacentral'] },
  Toronto2: { geopoliticalRegion: 'North America', localRegions: ['canadacentral'] },
  'Washington DC': { geopoliticalRegion: 'North America', localRegions: ['eastus', 'eastus2'] },
  'Washington DC2': { geopoliticalRegion: 'North America', localRegions: ['eastus', 'eastus2'] },
  Phoenix: { geopoliticalRegion: 'North America', localRegions: ['westus3'] },
  'Silicon Valley': { geopoliticalRegion: 'North America', localRegions: ['westus'] },
};

export function geopoliticalRegionOf(azureRegion: string): string | undefined {
  const id = normaliseLocation(azureRegion);
  return Object.entries(GEOPOLITICAL_REGIONS).find(([, regions]) => regions.includes(id))?.[0];
}

export function peeringLocationReach(location: string): PeeringLocationReach | undefined {
  const l = location.toLowerCase();
  return Object.entries(PEERING_LOCATIONS).find(([name]) => name.toLowerCase() === l)?.[1];
}

export type ReachVerdict =
  | { reaches: true }
  | { reaches: false; why: 'geopolitical'; locationGeo: string; regionGeo: string }
  | { reaches: false; why: 'local'; localRegions: readonly string[] };

/**
 * Whether a circuit of `tier` at `peeringLocation` may link a VNet in `azureRegion`. Only a region known
 * to lie elsewhere is refused: an unknown location or a region missing from Microsoft's table reaches.
 */
export function circuitReaches(tier: CircuitSkuTier, peeringLocation: string, azureRegion: string): ReachVerdict {
  if (tier === 'Premium') return { reaches: true };
  const loc = peeringLocationReach(peeringLocation);
  if (!loc) return { reaches: true };
  const region = normaliseLocation(azureRegion);
  if (tier === 'Local') return loc.localRegions.includes(region) ? { reaches: true } : { reaches: false, why: 'local', localRegions: loc.localRegions };
  const regionGeo = geopoliticalRegionOf(region);
  if (regionGeo === undefined || regionGeo === loc.geopoliticalRegion) return { reaches: true };
  return { reaches: false, why: 'geopolitical', locationGeo: loc.geopoliticalRegion, regionGeo };
}

// The supported OCI region ⇄ ExpressRoute peering location ⇄ Azure region pairs, as versioned data
// (interconnect-facts §1.2; Oracle's table joined with Microsoft's 2024 region list). Region ids
// marked [U] in the reference were decided here: see docs/differences.md.

export interface RegionPair {
  ociRegion: string;
  ociRegionKey: string;
  ociRegionName: string;
  peeringLocations: readonly string[];
  azureRegion: string;
  azureRegionName: string;
}

export interface RegionPairCatalogue {
  version: string;
  source: string;
  pairs: readonly RegionPair[];
}

export const REGION_PAIRS_2024: RegionPairCatalogue = {
  version: '2024-10',
  source: 'Oracle "Interconnect for Azure" (2025-01-15) joined with Microsoft oracle-oci-overview (2024-10-04)',
  pairs: [
    { ociRegion: 'ap-tokyo-1', ociRegionKey: 'NRT', ociRegionName: 'Japan East (Tokyo)', peeringLocations: ['Tokyo'], azureRegion: 'japaneast', azureRegionName: 'Japan East' },
    { ociRegion: 'ap-singapore-1', ociRegionKey: 'SIN', ociRegionName: 'Singapore (Singapore)', peeringLocations: ['Singapore'], azureRegion: 'southeastasia', azureRegionName: 'Southeast Asia' },
    { ociRegion: 'ap-seoul-1', ociRegionKey: 'ICN', ociRegionName: 'South Korea Central (Seoul)', peeringLocations: ['Seoul'], azureRegion: 'koreacentral', azureRegionName: 'Korea Central' },
    { ociRegion: 'eu-frankfurt-1', ociRegionKey: 'FRA', ociRegionName: 'Germany Central (Frankfurt)', peeringLocations: ['Frankfurt', 'Frankfurt2'], azureRegion: 'germanywestcentral', azureRegionName: 'Germany West Central' },
    { ociRegion: 'eu-amsterdam-1', ociRegionKey: 'AMS', ociRegionName: 'Netherlands Northwest (Amsterdam)', peeringLocations: ['Amsterdam2'], azureRegion: 'westeurope', azureRegionName: 'West Europe' },
    { ociRegion: 'uk-london-1', ociRegionKey: 'LHR', ociRegionName: 'UK South (London)', peeringLocations: ['London'], azureRegion: 'uksouth', azureRegionName: 'UK South' },
    { ociRegion: 'af-johannesburg-1', ociRegionKey: 'JNB', ociRegionName: 'South Africa Central (Johannesburg)', peeringLocations: ['Johannesburg'], azureRegion: 'southafricanorth', azureRegionName: 'South Africa North' },
    { ociRegion: 'sa-vinhedo-1', ociRegionKey: 'VCP', ociRegionName: 'Brazil Southeast (Vinhedo)', peeringLocations: ['Campinas'], azureRegion: 'brazilsouth', azureRegionName: 'Brazil South' },
    { ociRegion: 'ca-toronto-1', ociRegionKey: 'YYZ', ociRegionName: 'Canada Southeast (Toronto)', peeringLocations: ['Toronto', 'Toronto2'], azureRegion: 'canadacentral', azureRegionName: 'Canada Central' },
    { ociRegion: 'us-ashburn-1', ociRegionKey: 'IAD', ociRegionName: 'US East (Ashburn)', peeringLocations: ['Washington DC', 'Washington DC2'], azureRegion: 'eastus', azureRegionName: 'East US' },
    { ociRegion: 'us-phoenix-1', ociRegionKey: 'PHX', ociRegionName: 'US West (Phoenix)', peeringLocations: ['Phoenix'], azureRegion: 'westus3', azureRegionName: 'West US 3' },
    { ociRegion: 'us-sanjose-1', ociRegionKey: 'SJC', ociRegionName: 'US West (San Jose)', peeringLocations: ['Silicon Valley'], azureRegion: 'westus', azureRegionName: 'West US' },
  ],
};

/** Microsoft's 2020 list had only five pairs; kept so older behaviour can be selected. */
export const REGION_PAIRS_2020: RegionPairCatalogue = {
  version: '2020',
  source: 'Microsoft oracle-oci-overview (2020 revision)',
  pairs: REGION_PAIRS_2024.pairs.filter((p) => ['us-ashburn-1', 'uk-london-1', 'ca-toronto-1', 'eu-amsterdam-1', 'ap-tokyo-1'].includes(p.ociRegion)),
};

export const REGION_PAIR_CATALOGUES: Readonly<Record<string, RegionPairCatalogue>> = {
  [REGION_PAIRS_2024.version]: REGION_PAIRS_2024,
  [REGION_PAIRS_2020.version]: REGION_PAIRS_2020,
};

export const DEFAULT_REGION_PAIRS = REGION_PAIRS_2024;

export function pairForOciRegion(catalogue: RegionPairCatalogue, ociRegion: string): RegionPair | undefined {
  return catalogue.pairs.find((p) => p.ociRegion === ociRegion);
}

export function pairForPeeringLocation(catalogue: RegionPairCatalogue, location: string): RegionPair | undefined {
  const l = location.toLowerCase();
  return catalogue.pairs.find((p) => p.peeringLocations.some((x) => x.toLowerCase() === l));
}

export const ALL_PEERING_LOCATIONS = [...new Set(REGION_PAIRS_2024.pairs.flatMap((p) => p.peeringLocations))];
export const ALL_OCI_REGIONS = REGION_PAIRS_2024.pairs.map((p) => p.ociRegion);

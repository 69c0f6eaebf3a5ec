// The price table the cost estimate reads: list prices in USD, each with the public page it comes
// from and the date it was read, and whether this repository could confirm it (docs/cost.md says how
// each was found; an unconfirmed price is [U] there, with what was assumed). Data only: no network
// access at run time. Regions: Azure prices ExpressRoute circuits and their outbound data by the
// peering location's zone (Zone 1: North America and Europe), gateways per hour the same in every
// public region [U]; Oracle prices FastConnect ports per port-hour, the same in every commercial region.
import type { CircuitSkuFamily, CircuitSkuTier, ErGatewaySku } from '../model/azure/expressroute.ts';

export interface Price {
  usd: number;
  /** The public page the price is published on. */
  source: string;
  /** When it was read (YYYY-MM-DD). */
  read: string;
  /**
   * How far it is confirmed (the reference's markers): V read on the source itself; S from a
   * secondary public source (named in the note); U unconfirmed, assumed as the note says.
   */
  basis: 'V' | 'S' | 'U';
  note?: string;
}

export const PRICE_TABLE_DATE = '2026-12-07';
export const CURRENCY = 'USD';
/** Azure's pricing calculator bills a month as 730 hours; so does this estimate. */
export const HOURS_PER_MONTH = 730;

const AZURE_ER = 'https://azure.microsoft.com/en-us/pricing/details/expressroute/';
const OCI_FC = 'https://www.oracle.com/cloud/networking/fastconnect/pricing/';
const OCI_FC_FAQ = 'https://www.oracle.com/cloud/networking/fastconnect/faq/';

const priced = (basis: Price['basis']) => (usd: number, source: string, note: string): Price => ({ usd, source, read: PRICE_TABLE_DATE, basis, note });
const unconfirmed = priced('U');
const secondary = priced('S');
const verified = priced('V');

const CIRCUIT_NOTE = 'monthly circuit price, Zone 1 list price as recalled from the page; not confirmed here';

/** One plan's monthly prices at the interconnect's bandwidths (FastConnect's 1, 2, 5, 10 Gbps shapes). */
function circuitRow(g1: number, g2: number, g5: number, g10: number): Readonly<Record<number, Price>> {
  return Object.fromEntries(([[1000, g1], [2000, g2], [5000, g5], [10000, g10]] as const).map(([mbps, usd]) => [mbps, unconfirmed(usd, AZURE_ER, CIRCUIT_NOTE)]));
}

/** Monthly circuit prices by `${tier}_${family}` and bandwidth (Mbps). Local includes its data. */
export const CIRCUIT_MONTHLY: Readonly<Record<string, Readonly<Record<number, Price>>>> = {
  Standard_MeteredData: circuitRow(436, 872, 2180, 4360),
  Standard_UnlimitedData: circuitRow(5700, 11400, 28500, 51300),
  Premium_MeteredData: circuitRow(711, 1422, 3555, 7110),
  Premium_UnlimitedData: circuitRow(6900, 13800, 34500, 62100),
  // Local: data transfer included (ExpressRoute FAQ), 1 Gbps and up only (DE-CIX); either family.
  Local: circuitRow(1200, 2200, 4000, 6000),
};

/** The table's key for a circuit SKU (Local is priced the same whatever its family). */
export function circuitPlanKey(tier: CircuitSkuTier, family: CircuitSkuFamily): string {
  return tier === 'Local' ? 'Local' : `${tier}_${family}`;
}

export function circuitMonthlyPrice(tier: CircuitSkuTier, family: CircuitSkuFamily, bandwidthMbps: number): Price | undefined {
  return CIRCUIT_MONTHLY[circuitPlanKey(tier, family)]?.[bandwidthMbps];
}

export type AzureZone = 'Zone 1' | 'Zone 2' | 'Zone 3';

/** Outbound data on a MeteredData circuit, per GB, by the peering location's zone; inbound is free. */
export const METERED_OUTBOUND_PER_GB: Readonly<Record<AzureZone, Price>> = {
  'Zone 1': unconfirmed(0.025, AZURE_ER, 'DE-CIX (intercom.help/de-cix, "Azure ExpressRoute bandwidth billing options") quotes 0.02–0.11 EUR/GB across zones'),
  'Zone 2': unconfirmed(0.05, AZURE_ER, 'as Zone 1'),
  'Zone 3': unconfirmed(0.14, AZURE_ER, 'as Zone 1'),
};

/**
 * The zone of each interconnect peering location (src/model/interconnect/region-pairs.ts): Azure's
 * zones follow geography (Zone 1 North America and Europe; Zone 2 Asia Pacific; Zone 3 South America,
 * Africa, Middle East) [U: the per-location table on the pricing page was not read here].
 */
const ZONE_BY_LOCATION: Readonly<Record<string, AzureZone>> = {
  'washington dc': 'Zone 1', 'washington dc2': 'Zone 1', phoenix: 'Zone 1', 'silicon valley': 'Zone 1',
  toronto: 'Zone 1', toronto2: 'Zone 1', london: 'Zone 1', amsterdam: 'Zone 1', amsterdam2: 'Zone 1',
  frankfurt: 'Zone 1', frankfurt2: 'Zone 1',
  tokyo: 'Zone 2', singapore: 'Zone 2', seoul: 'Zone 2',
  campinas: 'Zone 3', 'sao paulo': 'Zone 3', johannesburg: 'Zone 3',
};

/** The zone of a peering location; an unknown one is taken as Zone 1 (said so in the estimate). */
export function zoneOf(peeringLocation: string): { zone: AzureZone; known: boolean } {
  const zone = ZONE_BY_LOCATION[peeringLocation.toLowerCase()];
  return zone === undefined ? { zone: 'Zone 1', known: false } : { zone, known: true };
}

/** ExpressRoute virtual network gateways, per hour (ErGwScale: per scale unit). */
export const GATEWAY_HOURLY: Readonly<Record<ErGatewaySku, Price>> = {
  Standard: secondary(0.19, AZURE_ER, 'meter "Standard Gateway"; a public Retail Prices API check (brazilsouth) in GitHub; the same in every region assumed'),
  HighPerformance: secondary(0.49, AZURE_ER, 'meter "High Performance Gateway"; as Standard'),
  UltraPerformance: unconfirmed(1.87, AZURE_ER, 'meter "Ultra High Performance Gateway"; recalled, not found in a source here'),
  ErGw1AZ: secondary(0.361, AZURE_ER, 'meter "ErGw1AZ Gateway"; two public Retail Prices API extracts agree'),
  ErGw2AZ: secondary(0.907, AZURE_ER, 'meter "ErGw2AZ Gateway"; one public Retail Prices API extract'),
  ErGw3AZ: secondary(2.151, AZURE_ER, 'meter "ErGw3AZ Gateway"; one public Retail Prices API extract'),
  ErGwScale: unconfirmed(0.181, AZURE_ER, 'meter "ErGwScale Unit", per scale unit-hour; assumed half of ErGw1AZ (two units ≈ ErGw1AZ)'),
};

/**
 * Oracle's side: FastConnect port-hours by the virtual circuit's bandwidth shape (Mbps). Whether
 * Oracle bills port-hours for the Azure interconnect's virtual circuit is [U]: the estimate counts
 * them, so it errs on the high side.
 */
export const FASTCONNECT_PORT_HOURLY: Readonly<Record<number, Price>> = {
  1000: secondary(0.2125, OCI_FC, 'OCI price list part B88325 "OCI - FastConnect 1 Gbps", per port-hour (interconnect-facts §1.12)'),
  2000: unconfirmed(0.425, OCI_FC, 'no 2 Gbps part found: assumed 2 × the 1 Gbps port-hour'),
  5000: unconfirmed(1.0625, OCI_FC, 'no 5 Gbps part found: assumed 5 × the 1 Gbps port-hour'),
  10000: secondary(1.275, OCI_FC, 'OCI price list part B88326 "OCI - FastConnect 10 Gbps", per port-hour'),
};

/** Data over FastConnect, in or out of OCI: no charge (Oracle FastConnect FAQ). */
export const FASTCONNECT_DATA_PER_GB: Price = verified(0, OCI_FC_FAQ, '"there are no limits on data transfer in or out of Oracle Cloud when using FastConnect"; no per-GB charge');

/** Data into Azure over ExpressRoute: free on every plan. */
export const AZURE_INBOUND_PER_GB: Price = secondary(0, AZURE_ER, 'inbound data transfer is free on Metered and Unlimited plans (Megaport, KodeKloud AZ-700 notes; DE-CIX bills only egress)');

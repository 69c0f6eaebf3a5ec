// Availability domains as the Identity API lists them: per region, named with the tenancy's own
// prefix ("Uocm:US-ASHBURN-AD-1", "Uocm:PHX-AD-2", "Uocm:EU-FRANKFURT-1-AD-3"). Names that instances
// and AD-specific subnets are given must be one of the region's, as OCI checks them.
import { createHash } from 'node:crypto';
import { oci } from '../../model/errors.ts';
import { OCI_REGION_KEYS, stableOcidBody } from '../../model/ids.ts';
import { DEFAULT_TENANCY_ID } from '../defaults.ts';
import type { OciScope } from './scope.ts';

/** ADs per region, from OCI's "Regions and Availability Domains" table; every other served region has one. */
const MULTI_AD_REGIONS: Readonly<Record<string, number>> = { 'us-ashburn-1': 3, 'us-phoenix-1': 3, 'eu-frankfurt-1': 3, 'uk-london-1': 3 };

/** Ashburn and Phoenix keep their launch-time AD names; later regions use the region identifier. */
const LEGACY_AD_STEMS: Readonly<Record<string, string>> = { 'us-ashburn-1': 'US-ASHBURN', 'us-phoenix-1': 'PHX' };

/** The default tenancy's prefix is fixed, so scripts and docs can name its ADs. */
export const DEFAULT_AD_PREFIX = 'Uocm';

export interface AvailabilityDomain {
  name: string;
  id: string;
  /** The tenancy (the Identity API's model says so). */
  compartmentId: string;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Four letters derived from the tenancy's OCID: stable for a tenancy, different between tenancies. */
export function adPrefix(tenancyId: string): string {
  if (tenancyId === DEFAULT_TENANCY_ID) return DEFAULT_AD_PREFIX;
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return [...digest(tenancyId).subarray(0, 4)].map((b) => letters[b % letters.length]).join('');
}

export function adCount(region: string): number {
  return MULTI_AD_REGIONS[region] ?? 1;
}

export function availabilityDomainName(tenancyId: string, region: string, n: number): string {
  const stem = LEGACY_AD_STEMS[region] ?? region.toUpperCase();
  return `${adPrefix(tenancyId)}:${stem}-AD-${n}`;
}

export function listAvailabilityDomains(scope: OciScope): AvailabilityDomain[] {
  return Array.from({ length: adCount(scope.region) }, (_, i) => {
    const body = stableOcidBody(`${scope.tenancyId} ${scope.region} ${i + 1}`);
    return { name: availabilityDomainName(scope.tenancyId, scope.region, i + 1), id: `ocid1.availabilitydomain.oc1..aaaaaaaa${body}`, compartmentId: scope.tenancyId };
  });
}

/**
 * The region's AD with this name (letter case aside), or OCI's 400 InvalidParameter "Invalid
 * availabilityDomain". An AD of another region or a name without the tenancy prefix is invalid.
 */
export function resolveAvailabilityDomain(scope: OciScope, name: string): string {
  const found = listAvailabilityDomains(scope).find((ad) => ad.name.toLowerCase() === name.toLowerCase());
  if (found === undefined) throw oci.invalidParameter('Invalid availabilityDomain');
  return found.name;
}

/** The service's internal AD name ("iad-ad-1"), as OCI's AD-mismatch message shows it. */
export function internalAdName(region: string, adName: string): string {
  const n = /-AD-(\d+)$/i.exec(adName)?.[1] ?? '?';
  return `${OCI_REGION_KEYS[region] ?? region}-ad-${n}`;
}

// The platform images FastRoute lists (ListImages, GetImage) and launches: a few real Oracle
// Linux and Ubuntu builds, published in every region. Each region's copy has its own OCID, derived
// from the region and the image name so that it is the same on every run (docs/compute-catalogue.md).
import { OCI_REGION_KEYS, stableOcidBody } from '../ids.ts';
import type { Architecture, ShapeSpec } from './shapes.ts';

export interface PlatformImageSpec {
  displayName: string;
  operatingSystem: string;
  operatingSystemVersion: string;
  architecture: Architecture;
}

/** Oldest first; each build's release date is in its name and becomes its timeCreated. */
export const PLATFORM_IMAGES: readonly PlatformImageSpec[] = [
  { displayName: 'Oracle-Linux-9.0-aarch64-2022.12.16-0', operatingSystem: 'Oracle Linux', operatingSystemVersion: '9', architecture: 'aarch64' },
  { displayName: 'Canonical-Ubuntu-22.04-2024.02.18-0', operatingSystem: 'Canonical Ubuntu', operatingSystemVersion: '22.04', architecture: 'x86_64' },
  { displayName: 'Oracle-Linux-8.10-2024.09.30-0', operatingSystem: 'Oracle Linux', operatingSystemVersion: '8', architecture: 'x86_64' },
  { displayName: 'Oracle-Linux-9.4-2024.09.30-0', operatingSystem: 'Oracle Linux', operatingSystemVersion: '9', architecture: 'x86_64' },
  { displayName: 'Canonical-Ubuntu-22.04-2024.10.04-0', operatingSystem: 'Canonical Ubuntu', operatingSystemVersion: '22.04', architecture: 'x86_64' },
  { displayName: 'Oracle-Linux-8.10-2024.11.30-0', operatingSystem: 'Oracle Linux', operatingSystemVersion: '8', architecture: 'x86_64' },
  { displayName: 'Oracle-Linux-9.4-2024.11.30-0', operatingSystem: 'Oracle Linux', operatingSystemVersion: '9', architecture: 'x86_64' },
];

/** An image as the Core API's Image model shows it. */
export interface Image {
  id: string;
  /** Platform images belong to no compartment: OCI shows null. */
  compartmentId: null;
  displayName: string;
  operatingSystem: string;
  operatingSystemVersion: string;
  lifecycleState: 'AVAILABLE';
  timeCreated: string;
  createImageAllowed: boolean;
  launchMode: 'NATIVE';
  sizeInMBs: number;
  listingType: 'NONE';
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
}

export function platformImageId(region: string, displayName: string): string {
  return `ocid1.image.oc1.${OCI_REGION_KEYS[region] ?? region}.aaaaaaaa${stableOcidBody(`platform-image ${region} ${displayName}`)}`;
}

function releaseTime(displayName: string): string {
  const m = /(\d{4})\.(\d{2})\.(\d{2})-\d+$/.exec(displayName);
  return m ? `${m[1]}-${m[2]}-${m[3]}T00:00:00.000Z` : '2024-01-01T00:00:00.000Z';
}

function present(region: string, spec: PlatformImageSpec): Image {
  return {
    id: platformImageId(region, spec.displayName), compartmentId: null, displayName: spec.displayName,
    operatingSystem: spec.operatingSystem, operatingSystemVersion: spec.operatingSystemVersion, lifecycleState: 'AVAILABLE',
    timeCreated: releaseTime(spec.displayName), createImageAllowed: true, launchMode: 'NATIVE', sizeInMBs: 47694, listingType: 'NONE',
    freeformTags: {}, definedTags: {},
  };
}

/** A region's image with its architecture (which shapes can boot it). */
export interface RegionImage {
  image: Image;
  architecture: Architecture;
}

export function regionImages(region: string): RegionImage[] {
  return PLATFORM_IMAGES.map((spec) => ({ image: present(region, spec), architecture: spec.architecture }));
}

export function findRegionImage(region: string, imageId: string): RegionImage | undefined {
  return regionImages(region).find((i) => i.image.id === imageId);
}

/** Arm images boot on Arm shapes only, x86 images on x86 shapes only. */
export function shapeRunsImage(shape: ShapeSpec, architecture: Architecture): boolean {
  return shape.architecture === architecture;
}

// The Oracle Services Network as ListServices shows it: per region, the "All <KEY> Services In Oracle
// Services Network" service and the "OCI <KEY> Object Storage" service, each with its service CIDR
// label (`cidrBlock`), which route rules (destinationType SERVICE_CIDR_BLOCK) name as destination.
// Labels and names follow OCI's documented forms (docs/differences.md, "Service gateways").
import { OCI_REGION_KEYS } from '../ids.ts';

export interface Service {
  id: string;
  name: string;
  description: string;
  cidrBlock: string;
}

/** Service OCIDs are fixed per region, as real ones are, so scripts can keep them. */
export function oracleServices(region: string): Service[] {
  const key = OCI_REGION_KEYS[region] ?? region;
  const upper = key.toUpperCase();
  const id = (n: string) => `ocid1.service.oc1.${key}.${`aaaaaaaafastroute${n}`.padEnd(60, 'a')}`;
  const all = `All ${upper} Services In Oracle Services Network`;
  const objectStorage = `OCI ${upper} Object Storage`;
  return [
    { id: id('allservices'), name: all, description: all, cidrBlock: `all-${key}-services-in-oracle-services-network` },
    { id: id('objectstorage'), name: objectStorage, description: objectStorage, cidrBlock: `oci-${key}-objectstorage` },
  ];
}

/** The service with this OCID, in whichever region it belongs to. */
export function serviceById(serviceId: string): Service | undefined {
  const key = serviceId.split('.')[3];
  const region = Object.keys(OCI_REGION_KEYS).find((r) => OCI_REGION_KEYS[r] === key) ?? key ?? '';
  return oracleServices(region).find((s) => s.id === serviceId);
}

/** The service whose CIDR label this is (route rule destinations of type SERVICE_CIDR_BLOCK). */
export function serviceByLabel(label: string): Service | undefined {
  const key = /^(?:all|oci)-([a-z0-9]+)-/.exec(label)?.[1];
  const region = Object.keys(OCI_REGION_KEYS).find((r) => OCI_REGION_KEYS[r] === key) ?? key ?? '';
  return oracleServices(region).find((s) => s.cidrBlock === label);
}

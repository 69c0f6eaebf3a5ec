// Lab-name → cloud-id bookkeeping while a lab is applied, with errors that point at the lab.
import { fastroute } from '../model/errors.ts';

export class LabIds {
  readonly ids: Record<string, string> = {};

  set(key: string, id: string): string {
    this.ids[key] = id;
    return id;
  }

  get(key: string): string {
    const id = this.ids[key];
    if (id === undefined) throw fastroute.invalid('LabReference', `lab references ${key}, which was not created`);
    return id;
  }

  find(key: string): string | undefined {
    return this.ids[key];
  }
}

export const LAB_TAG = 'fastroute-lab';

/** Keys used in LabIds for the OCI side. */
export const K = {
  vcn: (v: string) => `oci.vcn/${v}`,
  subnet: (v: string, s: string) => `oci.subnet/${v}/${s}`,
  routeTable: (v: string, t: string) => `oci.routeTable/${v}/${t}`,
  securityList: (v: string, l: string) => `oci.securityList/${v}/${l}`,
  nsg: (v: string, n: string) => `oci.nsg/${v}/${n}`,
  igw: (v: string, g: string) => `oci.igw/${v}/${g}`,
  nat: (v: string, g: string) => `oci.nat/${v}/${g}`,
  sgw: (v: string, g: string) => `oci.sgw/${v}/${g}`,
  lpg: (v: string, g: string) => `oci.lpg/${v}/${g}`,
  dhcpOptions: (v: string, d: string) => `oci.dhcpOptions/${v}/${d}`,
  drg: (d: string) => `oci.drg/${d}`,
  attachment: (d: string, a: string) => `oci.drgAttachment/${d}/${a}`,
  drgRouteTable: (d: string, t: string) => `oci.drgRouteTable/${d}/${t}`,
  distribution: (d: string, n: string) => `oci.drgRouteDistribution/${d}/${n}`,
  instance: (i: string) => `oci.instance/${i}`,
  privateIp: (i: string) => `oci.privateIp/${i}`,
  virtualCircuit: (n: string) => `oci.virtualCircuit/${n}`,
};

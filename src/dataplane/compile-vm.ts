// A VM (OCI instance or Azure VM) as a namespace: one `eth<k>` per VNIC/NIC, its private IPs, and a
// default route to its subnet's gateway address, as the clouds' DHCP hands it out. The other end of
// each interface sits in the network's router (VCN or VNet), which holds the gateway address and
// a host route back to every IP of the interface.
import type { PlanBuilder } from './builder.ts';
import { PLAIN_HOST, STATEFUL_APPLIANCE } from './compile-appliance.ts';
import type { PlanNamespace } from './plan.ts';

export interface VmInterface {
  /** The VNIC or NIC. */
  resourceId: string;
  /** Primary first. */
  ips: string[];
  subnetLength: number;
  gateway: string;
  router: PlanNamespace;
  /** The router's interface name for this VNIC/NIC. */
  routerDev: string;
  /** The routing table the router uses for packets from this interface (its subnet's). */
  routerTable: number;
}

export interface VmSpec {
  cloud: 'oci' | 'azure';
  resourceId: string;
  name: string;
  /** skipSourceDestCheck (OCI) / enableIPForwarding (Azure): the VM may forward packets. */
  forwards: boolean;
  interfaces: VmInterface[];
}

export function compileVm(b: PlanBuilder, vm: VmSpec): PlanNamespace | undefined {
  const primary = vm.interfaces[0];
  if (!primary) return undefined;
  const ns = b.namespace({ kind: 'vm', role: 'vm', cloud: vm.cloud, resourceId: vm.resourceId, resourceName: vm.name, sysctls: vm.forwards ? STATEFUL_APPLIANCE : PLAIN_HOST });
  vm.interfaces.forEach((nic, k) => {
    const dev = `eth${k}`;
    b.link(ns, dev, nic.router, nic.routerDev, vm.cloud === 'oci' ? 'vnic' : 'nic', nic.resourceId);
    for (const ip of nic.ips) {
      ns.addresses.push({ dev, address: `${ip}/${nic.subnetLength}` });
      b.route(nic.router, { prefix: `${ip}/32`, type: 'dev', dev: nic.routerDev, why: `${vm.name} (${vm.cloud === 'oci' ? 'VNIC' : 'NIC'} ${dev})` });
    }
    nic.router.addresses.push({ dev: nic.routerDev, address: `${nic.gateway}/32` });
    b.rule(nic.router, nic.routerDev, nic.routerTable, `packets from ${vm.name} follow its subnet's route table`);
  });
  b.route(ns, { prefix: '0.0.0.0/0', type: 'via', nexthops: [{ via: primary.gateway, dev: 'eth0' }], why: 'default route to the subnet gateway (DHCP)' });
  return ns;
}

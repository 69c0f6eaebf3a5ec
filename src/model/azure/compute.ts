import type { ArmTracked, ProvisioningState } from './common.ts';
import type { HostFirewall } from '../oci/compute.ts';

export type VirtualMachine = ArmTracked<{
  vmId: string;
  hardwareProfile: { vmSize: string };
  networkProfile: { networkInterfaces: { id: string; properties: { primary: boolean } }[] };
  provisioningState: ProvisioningState;
}> & { fr: { hostFirewall?: HostFirewall } };

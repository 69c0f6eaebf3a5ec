// Public IP addresses (minimal: what a gateway's ipConfigurations reference). The address itself is
// reserved at create and kept in `fr`; ARM shows it for Static addresses, and for Dynamic ones only
// while something uses them (present.ts).
import type { ArmMeta, ArmTracked, ProvisioningState } from './common.ts';

export type PublicIPSkuName = 'Basic' | 'Standard';
export type PublicIPSkuTier = 'Regional' | 'Global';

export type PublicIPAddress = Omit<ArmTracked<{
  publicIPAllocationMethod: 'Static' | 'Dynamic';
  publicIPAddressVersion: 'IPv4';
  idleTimeoutInMinutes: number;
  ipTags: { ipTagType: string; tag: string }[];
  ddosSettings: { protectionMode: 'VirtualNetworkInherited' };
  resourceGuid: string;
  provisioningState: ProvisioningState;
}>, 'fr'> & {
  sku: { name: PublicIPSkuName; tier: PublicIPSkuTier };
  zones?: string[];
  fr: ArmMeta & { address: string };
};

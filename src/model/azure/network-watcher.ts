// Network Watcher: one per subscription and region, holding nothing the diagnostics depend on.
import type { ArmTracked, ProvisioningState } from './common.ts';

export type NetworkWatcher = ArmTracked<{ provisioningState: ProvisioningState }>;

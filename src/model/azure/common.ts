// ARM resources keep ARM's envelope so the ARM API layer can return them almost as they are.
// `fr` holds FastRoute's bookkeeping and is stripped on the wire. Child resources (subnets, rules,
// routes, peerings, authorizations) are stored separately and composed into their parent on read.

export type ProvisioningState = 'Succeeded' | 'Updating' | 'Deleting' | 'Failed' | 'Creating' | 'Canceled';

export interface ArmMeta {
  subscriptionId: string;
  resourceGroup: string;
  reason?: string;
}

export interface ArmTracked<P> {
  id: string;
  name: string;
  type: string;
  location: string;
  tags: Record<string, string>;
  etag: string;
  properties: P;
  fr: ArmMeta;
}

export interface ArmChild<P> {
  id: string;
  name: string;
  type: string;
  etag: string;
  properties: P;
  fr: ArmMeta & { parentId: string };
}

export interface SubResource { id: string }

export interface Subscription {
  id: string; // "/subscriptions/{guid}"
  subscriptionId: string;
  tenantId: string;
  displayName: string;
  state: 'Enabled' | 'Disabled' | 'Warned' | 'PastDue' | 'Deleted';
}

export interface ResourceGroup {
  id: string;
  name: string;
  type: 'Microsoft.Resources/resourceGroups';
  location: string;
  tags: Record<string, string>;
  managedBy?: string;
  properties: { provisioningState: 'Succeeded' | 'Deleting' };
  fr: { subscriptionId: string };
}

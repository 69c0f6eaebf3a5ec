// A template deployment (Microsoft.Resources/deployments) in a resource group or, without one, at
// subscription scope (`az deployment sub create`): what `az network
// vpn-connection create` and other template-based CLI commands create. Its resources are ordinary
// entities; the deployment keeps what it created and, in `fr`, what it needs to finish later: the
// template's outputs and the parameter values to evaluate them with.

/** ARM's deployment states: Accepted is only ever shown on the PUT's reply. */
export type DeploymentState = 'Accepted' | 'Running' | 'Succeeded' | 'Failed' | 'Canceled';

export interface DeploymentError {
  code: string;
  message: string;
  target?: string;
  details: { code: string; message: string; target?: string }[];
}

export interface Deployment {
  id: string; // /subscriptions/{s}[/resourceGroups/{rg}]/providers/Microsoft.Resources/deployments/{name}
  name: string;
  type: 'Microsoft.Resources/deployments';
  /** Where ARM keeps the deployment's data: required at subscription scope, absent in a resource group. */
  location?: string;
  tags: Record<string, string>;
  properties: {
    provisioningState: DeploymentState;
    mode: 'Incremental';
    timestamp: string;
    duration: string;
    correlationId: string;
    templateHash: string;
    parameters: Record<string, { type: string; value?: unknown }>;
    outputs?: Record<string, { type: string; value: unknown }>;
    outputResources: { id: string }[];
    providers: { namespace: string; resourceTypes: { resourceType: string; locations: string[] }[] }[];
    dependencies: { id: string; resourceType: string; resourceName: string; dependsOn: { id: string; resourceType: string; resourceName: string }[] }[];
    error?: DeploymentError;
  };
  fr: {
    subscriptionId: string;
    /** The resource group it deploys into; absent for a subscription-scope deployment. */
    resourceGroup?: string;
    /** Identifies this run of the deployment in its operation-status URL (a re-PUT starts a new one). */
    runId: string;
    /** Engine time (ms) the run started, for `duration`. */
    startedAt: number;
    /** The template (its outputs are evaluated once the resources finish) and the parameter values given. */
    template: Record<string, unknown>;
    parameterValues: Record<string, { value?: unknown }>;
    /** The deployed resources, by the name the template gives them (for reference('name')). */
    resources: { name: string; type: string; id: string; apiVersion?: string }[];
    /** The resource whose PUT was refused, and the HTTP status of the refusal (for the operations list). */
    refused?: { name: string; type: string; id: string; status: number };
  };
}

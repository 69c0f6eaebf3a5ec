// Errors carry the cloud's own status, code and message so the API layers only render them.
// OCI renders {code, message}; ARM renders {error: {code, message, details}}.

export type Cloud = 'oci' | 'azure' | 'fastroute';

export class CloudError extends Error {
  constructor(
    readonly cloud: Cloud,
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: string,
    /** ARM's inner errors (error.details), e.g. each resource a deployment's preflight refused. */
    readonly details?: readonly unknown[],
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

/**
 * An ARM refusal that NRP reports on the long-running operation, not on the request: the request is
 * accepted (202 + Azure-AsyncOperation) and the operation then fails with this code. Nothing changes.
 */
export class ArmOperationFailure extends CloudError {}

/** OCI Core error catalogue (api-shapes §1.3; sources per situation in docs/error-code-sources.md). */
export const oci = {
  invalidParameter: (message: string) => new CloudError('oci', 400, 'InvalidParameter', message),
  missingParameter: (name: string) => new CloudError('oci', 400, 'MissingParameter', `Missing parameter: ${name}.`),
  /** A per-VCN limit: OCI answers InvalidParameter here, not LimitExceeded (error-code-sources 21b). */
  perVcnLimit: (limit: number, what: string, vcnId?: string) =>
    new CloudError('oci', 400, 'InvalidParameter', `The maximum limit of ${limit} for ${what} per VCN has been exceeded${vcnId === undefined ? '' : ` in VCN ${vcnId}`}.`),
  /** A list longer than the model allows, in the bean-validation wording OCI's validation errors use. */
  sizeExceeded: (field: string, max: number) => new CloudError('oci', 400, 'InvalidParameter', `${field} size must be between 0 and ${max}`),
  /** A tenancy's service limit ("Oracle-defined limit for this tenancy"); FastRoute enforces none today. */
  limitExceeded: (limits: readonly string[]) =>
    new CloudError('oci', 400, 'LimitExceeded', `The following service limits were exceeded: ${limits.join(', ')}. Request a service limit increase from the service limits page in the console. `),
  /** A limit OCI reports as LimitExceeded in its own words (a second NAT gateway in a VCN: error-code-sources 21c). */
  limitReached: (message: string) => new CloudError('oci', 400, 'LimitExceeded', message),
  /** A field the caller may not set (e.g. one only the FastConnect provider updates). */
  notAuthorized: (message: string) => new CloudError('oci', 403, 'NotAuthorized', message),
  relatedNotFound: (what: string, id: string) =>
    new CloudError('oci', 400, 'RelatedResourceNotAuthorizedOrNotFound', `The ${what} ${id} was not found or you are not authorized to access it.`),
  notFound: (what: string, id: string) =>
    new CloudError('oci', 404, 'NotAuthorizedOrNotFound', `Authorization failed or requested resource not found: ${what} ${id}.`),
  conflict: (message: string) => new CloudError('oci', 409, 'Conflict', message),
  /** LaunchInstance with a shape the region does not offer (OCI's own text: "shape VM.Standard.A1.Flex not found"). */
  shapeNotFound: (shape: string) => new CloudError('oci', 404, 'NotAuthorizedOrNotFound', `shape ${shape} not found`),
  incorrectState: (message: string) => new CloudError('oci', 409, 'IncorrectState', message),
  /** CreateCompartment with a name its parent already has (OCI's text, error-code-sources). */
  compartmentAlreadyExists: (name: string) => new CloudError('oci', 409, 'CompartmentAlreadyExists', `A compartment with name '${name}' already exists.`),
};

/** ARM / Microsoft.Network error catalogue; codes chosen where not confirmed are listed in docs/differences.md. */
export const arm = {
  error: (status: number, code: string, message: string, target?: string) => new CloudError('azure', status, code, message, target),
  badRequest: (code: string, message: string, target?: string) => new CloudError('azure', 400, code, message, target),
  notFound: (type: string, name: string, rg: string) =>
    new CloudError('azure', 404, 'ResourceNotFound', `The Resource '${type}/${name}' under resource group '${rg}' was not found.`),
  resourceGroupNotFound: (rg: string) =>
    new CloudError('azure', 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`),
  subscriptionNotFound: (sub: string) =>
    new CloudError('azure', 404, 'SubscriptionNotFound', `The subscription '${sub}' could not be found.`),
  conflict: (code: string, message: string) => new CloudError('azure', 409, code, message),
  /** Accepted, then the long-running operation fails with this code (status shown where ARM must answer one synchronously). */
  operationFailure: (status: number, code: string, message: string) => new ArmOperationFailure('azure', status, code, message),
};

/** FastRoute's own (admin API, lab) errors. */
export const fastroute = {
  invalid: (code: string, message: string) => new CloudError('fastroute', 400, code, message),
  notFound: (message: string) => new CloudError('fastroute', 404, 'NotFound', message),
  conflict: (message: string) => new CloudError('fastroute', 409, 'Conflict', message),
};

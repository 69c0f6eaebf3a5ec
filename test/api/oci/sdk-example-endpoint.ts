// Preloaded (node --import) into the child process that runs one of the OCI SDK's own examples
// unchanged: the run-time substitution of the endpoint. An SDK client derives its endpoint from a
// region (https://iaas.us-ashburn-1.oraclecloud.com, https://identity.…) through oci-common's
// EndpointBuilder, whichever way the region reaches it (the config file's profile, a `region` or a
// `regionId` set by the example). Here that derivation yields FastRoute's OCI endpoint with the region
// as its path prefix (http://127.0.0.1:PORT/us-ashburn-1), which is how FastRoute tells regions apart.
// Nothing else changes: the example's own clients sign their requests with the profile's key.
import { createRequire } from 'node:module';
import type * as OciCommon from 'oci-common';

const endpoint = process.env.FASTROUTE_OCI_ENDPOINT;
if (endpoint === undefined || endpoint === '') throw new Error('FASTROUTE_OCI_ENDPOINT is not set');

// The CommonJS instance the example's own require("oci-common") gets (one module cache per process).
const { EndpointBuilder } = createRequire(import.meta.url)('oci-common') as typeof OciCommon;
EndpointBuilder.createEndpointFromRegion = (_template: string, region: OciCommon.Region) => `${endpoint}/${region.regionId}`;
EndpointBuilder.createEndpointFromRegionId = (_template: string, regionId: string) => `${endpoint}/${regionId}`;

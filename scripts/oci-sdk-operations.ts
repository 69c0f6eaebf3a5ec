// Regenerates src/api/oci/sdk-operations.json: every operation of the OCI SDK clients FastRoute
// serves (name, API version, verb, path), read from the pinned oci-core / oci-workrequests /
// oci-identity packages, and of the clients the SDK's own examples call next to a VCN (Database, File
// Storage, Container Engine), none of whose operations FastRoute serves. The server uses it to name an
// operation it does not implement; the coverage table lists the rest. Whole clients are listed, so
// that a call FastRoute does not model (users, tags, DB systems, file systems, clusters…) answers 501
// NotImplemented naming the operation, not a bare 404 (the SDK's examples make such calls).
// Run: node --import tsx scripts/oci-sdk-operations.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const CLIENTS: Record<string, string> = {
  VirtualNetworkClient: 'oci-core/lib/client.js',
  ComputeClient: 'oci-core/lib/client.js',
  WorkRequestClient: 'oci-workrequests/lib/client.js',
  IdentityClient: 'oci-identity/lib/client.js',
  DatabaseClient: 'oci-database/lib/client.js',
  FileStorageClient: 'oci-filestorage/lib/client.js',
  ContainerEngineClient: 'oci-containerengine/lib/client.js',
};

interface SdkOperation { client: string; name: string; version: string; method: string; path: string }

const out: SdkOperation[] = [];
for (const [client, module] of Object.entries(CLIENTS)) {
  const source = readFileSync(require.resolve(module), 'utf8');
  // Each client appends its API version to the endpoint it derives from the region ("/20171215").
  const version = /this\._endpoint = this\._endpoint \+ "(\/\d{8})"/.exec(source.slice(source.indexOf(`class ${client} {`)))?.[1];
  if (version === undefined) throw new Error(`no API version found for ${client} in ${module}`);
  // Each operation's body names itself ("Calling operation Client#op.") before its path and verb.
  const chunks = source.split(`Calling operation ${client}#`).slice(1);
  for (const chunk of chunks) {
    const name = /^(\w+)\./.exec(chunk)?.[1];
    const path = /path: "([^"]*)"/.exec(chunk)?.[1];
    const method = /method: "([A-Z]+)"/.exec(chunk)?.[1];
    if (name && path !== undefined && method) out.push({ client, name, version, method, path });
  }
}
const version = (require('oci-core/package.json') as { version: string }).version;
const lines = out.map((o) => `  ${JSON.stringify(o)}`).join(',\n');
writeFileSync(new URL('../src/api/oci/sdk-operations.json', import.meta.url), `{"sdk": "oci-core ${version}", "operations": [\n${lines}\n]}\n`);
console.log(`${out.length} operations from oci-core ${version}`);

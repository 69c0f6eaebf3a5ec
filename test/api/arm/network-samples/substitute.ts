// The only changes made to an @azure/arm-network sample before it runs against FastRoute, applied
// to its text in a temp dir (the vendored file stays byte-identical). Each is mechanical and must
// apply: a sample whose text no longer matches fails loudly instead of running half-substituted.
//   1. credential: `@azure/identity`'s DefaultAzureCredential → ./fastroute-credential.ts (same name)
//   2. endpoint: `new NetworkManagementClient(credential, subscriptionId)` gains FastRoute's endpoint
//   3. `import "dotenv/config";` is removed (the env vars are set by the harness; dotenv is absent)
//   4. ARM ids inside request bodies: `/subscriptions/<any>/resourceGroups/<any>/` → the test's
//      subscription and resource group (the samples read both from NETWORK_SUBSCRIPTION_ID and
//      NETWORK_RESOURCE_GROUP, but their bodies spell the published example's)
//   5. resource names: exact string literals, per sample, where it needs a resource another sample
//      or the harness created under a different name
export interface Substitutions {
  subscriptionId: string;
  resourceGroup: string;
  /** `"from"` → `"to"`: whole string literals only. */
  names?: Record<string, string>;
}

const IDENTITY_IMPORT = 'import { DefaultAzureCredential } from "@azure/identity";';
const DOTENV_IMPORT = 'import "dotenv/config";\n';
const CLIENT = 'new NetworkManagementClient(credential, subscriptionId)';
const CLIENT_AT_FASTROUTE = 'new NetworkManagementClient(credential, subscriptionId, { endpoint: process.env["FASTROUTE_ARM_ENDPOINT"] })';

function replaceRequired(text: string, from: string, to: string, what: string): string {
  if (!text.includes(from)) throw new Error(`sample substitution "${what}" does not apply: ${JSON.stringify(from)} not found`);
  return text.replaceAll(from, to);
}

export function substituteSample(text: string, s: Substitutions): string {
  let out = replaceRequired(text, IDENTITY_IMPORT, 'import { DefaultAzureCredential } from "./fastroute-credential.ts";', 'credential');
  out = replaceRequired(out, CLIENT, CLIENT_AT_FASTROUTE, 'endpoint');
  out = out.replace(DOTENV_IMPORT, '');
  out = out.replace(/\/subscriptions\/[^/"]+\/resourceGroups\/[^/"]+\//gi, `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroup}/`);
  for (const [from, to] of Object.entries(s.names ?? {})) out = replaceRequired(out, JSON.stringify(from), JSON.stringify(to), `name ${from}`);
  return out;
}

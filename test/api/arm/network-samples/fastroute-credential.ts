// What the @azure/arm-network samples get in place of @azure/identity's DefaultAzureCredential
// (not a dependency of FastRoute): a credential of the same name that asks FastRoute's
// managed-identity endpoint for a token, as DefaultAzureCredential's managed-identity leg would ask
// an App Service MSI endpoint (GET ?resource=…, header Metadata: true). Copied next to the
// substituted samples at run time; TLS trust comes from NODE_EXTRA_CA_CERTS.
import type { AccessToken, TokenCredential } from '@azure/core-auth';

interface MsiToken { access_token: string; expires_on: number }

export class DefaultAzureCredential implements TokenCredential {
  private readonly endpoint = process.env.FASTROUTE_ARM_ENDPOINT ?? '';

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    const scope = Array.isArray(scopes) ? scopes[0] ?? '' : scopes;
    const resource = scope.replace(/\/?\.default$/, '');
    const url = `${this.endpoint}/msi/token?api-version=2019-08-01&resource=${encodeURIComponent(resource)}`;
    const res = await fetch(url, { headers: { metadata: 'true' } });
    if (!res.ok) throw new Error(`FastRoute's token endpoint answered ${res.status}: ${await res.text()}`);
    const t = (await res.json()) as MsiToken;
    return { token: t.access_token, expiresOnTimestamp: t.expires_on * 1000 };
  }
}

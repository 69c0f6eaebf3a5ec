// What the Azure clients ask before they call ARM: the cloud's metadata (`az cloud register`), an
// ADFS-style authority and token endpoint (`az login --service-principal`, MSAL accepts ADFS
// offline), an AAD v2-style one (@azure/identity with authorityHost), and an MSI endpoint
// (`az login --identity` with MSI_ENDPOINT). Tokens come from auth/tokens.ts.
import { CloudError } from '../../../model/errors.ts';
import { DEFAULT_TENANT_ID } from '../../../lifecycle/defaults.ts';
import type { ArmPrincipal } from '../auth/principals.ts';
import { issueToken } from '../auth/tokens.ts';
import type { ArmOperation, ArmRequest } from '../operation.ts';

function oauthError(status: number, error: string, description: string): CloudError {
  // Rendered by the app as an OAuth error body ({error, error_description}), not an ARM one.
  return new CloudError('azure', status, `oauth:${error}`, description);
}

function field(req: ArmRequest, name: string): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const v = body?.[name] ?? req.query[name];
  return typeof v === 'string' ? v : undefined;
}

/** "https://host/.default" or "https://host//.default" → "https://host/". */
function audienceOf(req: ArmRequest): string {
  const scope = field(req, 'scope')?.split(' ')[0];
  const resource = field(req, 'resource') ?? scope?.replace(/\/?\.default$/, '');
  return resource === undefined || resource === '' ? `${req.ctx.baseUrl()}/` : resource.replace(/\/+$/, '/');
}

function clientPrincipal(req: ArmRequest): ArmPrincipal {
  if (field(req, 'grant_type') !== 'client_credentials') throw oauthError(400, 'unsupported_grant_type', 'AADSTS70003: FastRoute supports the client_credentials grant only.');
  const clientId = field(req, 'client_id');
  if (clientId === undefined || clientId === '') throw oauthError(400, 'invalid_request', "AADSTS900144: The request body must contain the following parameter: 'client_id'.");
  if (!req.ctx.strictAuth) return { clientId, tenantId: DEFAULT_TENANT_ID };
  const p = req.ctx.principals.find((x) => x.clientId === clientId);
  if (!p) throw oauthError(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`);
  if (p.clientSecret === undefined || p.clientSecret !== field(req, 'client_secret')) throw oauthError(401, 'invalid_client', `AADSTS7000215: Invalid client secret provided for application '${clientId}'.`);
  return p;
}

function managedPrincipal(req: ArmRequest): ArmPrincipal {
  if ((req.header('metadata') ?? '').toLowerCase() !== 'true') throw oauthError(400, 'invalid_request', 'Required metadata header not specified');
  if (!req.ctx.strictAuth) return { clientId: 'fastroute-managed-identity', tenantId: DEFAULT_TENANT_ID };
  const wanted = field(req, 'client_id');
  const p = req.ctx.principals.find((x) => x.managedIdentity === true && (wanted === undefined || x.clientId === wanted));
  if (!p) throw oauthError(400, 'invalid_request', 'Identity not found: no managed identity is configured for FastRoute (armPrincipals[].managedIdentity).');
  return p;
}

async function token(req: ArmRequest, principal: ArmPrincipal, issuer: string): Promise<{ body: unknown; headers: Record<string, string> }> {
  const t = await issueToken(req.ctx.tokenSecret, principal, audienceOf(req), issuer, Date.now()); // wall time: clients compare expiry with their own clock
  return { body: t, headers: { 'cache-control': 'no-store', pragma: 'no-cache' } };
}

function openidConfiguration(base: string, tokenPath: string, issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${base}${tokenPath.replace(/token$/, 'authorize')}`,
    token_endpoint: `${base}${tokenPath}`,
    jwks_uri: `${base}/adfs/discovery/keys`,
    response_types_supported: ['code', 'token'],
    grant_types_supported: ['client_credentials'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['HS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post'],
    scopes_supported: ['openid'],
  };
}

export const IDENTITY_OPERATIONS: ArmOperation[] = [
  {
    name: 'metadata.endpoints', method: 'GET', path: '/metadata/endpoints', auth: 'none',
    handle(req) {
      const base = req.ctx.baseUrl();
      return Promise.resolve({ body: {
        galleryEndpoint: '', graphEndpoint: '', portalEndpoint: '', name: 'FastRoute', resourceManager: `${base}/`,
        authentication: { loginEndpoint: `${base}/adfs`, audiences: [`${base}/`], tenant: 'adfs', identityProvider: 'ADFS' },
      } });
    },
  },
  {
    name: 'adfs.openidConfiguration', method: 'GET', path: '/adfs/.well-known/openid-configuration', auth: 'none',
    handle(req) {
      const base = req.ctx.baseUrl();
      return Promise.resolve({ body: openidConfiguration(base, '/adfs/oauth2/token', `${base}/adfs`) });
    },
  },
  {
    name: 'adfs.token', method: 'POST', path: '/adfs/oauth2/token', auth: 'none',
    handle: (req) => token(req, clientPrincipal(req), `${req.ctx.baseUrl()}/adfs`),
  },
  {
    name: 'aad.openidConfiguration', method: 'GET', path: '/{tenantId}/v2.0/.well-known/openid-configuration', auth: 'none',
    handle(req) {
      const base = req.ctx.baseUrl();
      const tenant = req.params.tenantId ?? DEFAULT_TENANT_ID;
      return Promise.resolve({ body: openidConfiguration(base, `/${tenant}/oauth2/v2.0/token`, `${base}/${tenant}/v2.0`) });
    },
  },
  {
    name: 'aad.token', method: 'POST', path: '/{tenantId}/oauth2/v2.0/token', auth: 'none',
    handle: (req) => token(req, clientPrincipal(req), `${req.ctx.baseUrl()}/${req.params.tenantId ?? ''}/v2.0`),
  },
  {
    name: 'msi.token', method: 'POST', path: '/msi/token', auth: 'none',
    handle: (req) => token(req, managedPrincipal(req), `${req.ctx.baseUrl()}/msi`),
  },
  {
    name: 'msi.token (GET)', method: 'GET', path: '/msi/token', auth: 'none',
    handle: (req) => token(req, managedPrincipal(req), `${req.ctx.baseUrl()}/msi`),
  },
  {
    name: 'imds.token', method: 'GET', path: '/metadata/identity/oauth2/token', auth: 'none',
    handle: (req) => token(req, managedPrincipal(req), `${req.ctx.baseUrl()}/msi`),
  },
];

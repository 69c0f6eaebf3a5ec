// ARM's resource-id functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-resource):
// resourceId, subscriptionResourceId, tenantResourceId, extensionResourceId, and environment().
import { invalidTemplate, type Json } from './template-expressions.ts';

export interface IdScope {
  subscriptionId: string;
  /** Absent at subscription scope, where resourceId() answers subscription-level ids. */
  resourceGroupName?: string | undefined;
}

const RESOURCE_GROUPS = 'microsoft.resources/resourcegroups';

/** 'Microsoft.Network/virtualNetworks/subnets/' → namespace and type segments (a trailing '/' is allowed, as ARM allows it). */
function typeParts(fn: string, type: string): { ns: string; types: string[] } {
  const [ns = '', ...types] = type.split('/').filter((s, i, all) => s !== '' || i < all.length - 1);
  if (ns === '' || types.length === 0 || types.includes('')) throw invalidTemplate(`The template function '${fn}' expects a fully qualified resource type such as 'Microsoft.Network/virtualNetworks', and '${type}' was given`);
  return { ns, types };
}

/** '/providers/Ns/type1/name1/type2/name2' from a type and its names. */
function providerPath(fn: string, type: string, names: readonly string[]): string {
  const { ns, types } = typeParts(fn, type);
  if (names.length !== types.length) {
    throw invalidTemplate(`Unable to evaluate template language function '${fn}': the type '${type}' requires ${types.length} resource name argument(s), and ${names.length} were given. Please see https://aka.ms/arm-resource-functions for usage details`);
  }
  return `/providers/${ns}${types.map((t, i) => `/${t}/${names[i] ?? ''}`).join('')}`;
}

/** The index of the type argument: the first one holding a '/', at most `maxBefore` arguments in. */
function typeIndex(fn: string, args: readonly string[], maxBefore: number): number {
  const at = args.findIndex((a) => a.includes('/'));
  if (at < 0 || at > maxBefore) throw invalidTemplate(`The template function '${fn}' expects a fully qualified resource type such as 'Microsoft.Network/virtualNetworks'. Please see https://aka.ms/arm-resource-functions for usage details`);
  return at;
}

/**
 * A subscription-level resource's id. A resource group's is '/subscriptions/{s}/resourceGroups/{name}',
 * the id ARM gives it, so that dependsOn and reference() with it find the group.
 */
function subscriptionLevelId(fn: string, sub: string, type: string, names: readonly string[]): string {
  const bare = type.replace(/\/+$/, '').toLowerCase();
  if (bare === RESOURCE_GROUPS && names.length === 1) return `/subscriptions/${sub}/resourceGroups/${names[0] ?? ''}`;
  return `/subscriptions/${sub}${providerPath(fn, type, names)}`;
}

/** resourceId([subscriptionId], [resourceGroupName], 'Namespace/type[/child]', name1, [name2] ...); subscription-level at subscription scope. */
export function resourceIdOf(args: readonly string[], scope: IdScope): string {
  const at = typeIndex('resourceId', args, 2);
  const sub = at === 2 ? (args[0] ?? '') : scope.subscriptionId;
  const rg = at === 0 ? scope.resourceGroupName : (args[at - 1] ?? '');
  if (rg === undefined) return subscriptionLevelId('resourceId', sub, args[at] ?? '', args.slice(at + 1));
  return `/subscriptions/${sub}/resourceGroups/${rg}${providerPath('resourceId', args[at] ?? '', args.slice(at + 1))}`;
}

/** subscriptionResourceId([subscriptionId], type, names...). */
export function subscriptionResourceIdOf(args: readonly string[], scope: IdScope): string {
  const at = typeIndex('subscriptionResourceId', args, 1);
  const sub = at === 1 ? (args[0] ?? '') : scope.subscriptionId;
  return subscriptionLevelId('subscriptionResourceId', sub, args[at] ?? '', args.slice(at + 1));
}

export function tenantResourceIdOf(args: readonly string[]): string {
  typeIndex('tenantResourceId', args, 0);
  return providerPath('tenantResourceId', args[0] ?? '', args.slice(1));
}

/** extensionResourceId(baseResourceId, type, names...): a resource extending another (locks, role assignments). */
export function extensionResourceIdOf(args: readonly string[]): string {
  const [base = '', type = '', ...names] = args;
  if (!base.startsWith('/')) throw invalidTemplate(`The template function 'extensionResourceId' expects a resource id as its first parameter, and '${base}' was given`);
  return `${base.replace(/\/$/, '')}${providerPath('extensionResourceId', type, names)}`;
}

/** environment() in Azure's public cloud, as documented (the values a template reads, not FastRoute's endpoint). */
export const AZURE_CLOUD_ENVIRONMENT: Json = {
  name: 'AzureCloud',
  gallery: 'https://gallery.azure.com/',
  graph: 'https://graph.windows.net/',
  portal: 'https://portal.azure.com',
  graphAudience: 'https://graph.windows.net/',
  activeDirectoryDataLake: 'https://datalake.azure.net/',
  batch: 'https://batch.core.windows.net/',
  media: 'https://rest.media.azure.net',
  sqlManagement: 'https://management.core.windows.net:8443/',
  vmImageAliasDoc: 'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json',
  resourceManager: 'https://management.azure.com/',
  authentication: {
    loginEndpoint: 'https://login.microsoftonline.com/',
    audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
    tenant: 'common',
    identityProvider: 'AAD',
  },
  suffixes: {
    acrLoginServer: '.azurecr.io',
    azureDatalakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
    azureDatalakeStoreFileSystem: 'azuredatalakestore.net',
    azureFrontDoorEndpointSuffix: 'azurefd.net',
    keyvaultDns: '.vault.azure.net',
    sqlServerHostname: '.database.windows.net',
    storage: 'core.windows.net',
  },
};

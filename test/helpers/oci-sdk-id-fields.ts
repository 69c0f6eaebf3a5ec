// Which ids an OCI operation's request can carry, read from the pinned SDK itself (the client
// method's generated query parameters, and its body model's typings followed through nested models),
// so the isolation matrix covers every id field the SDK can send, not a hand-kept list of them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as core from 'oci-core';
import * as identity from 'oci-identity';
import * as wr from 'oci-workrequests';

const require = createRequire(import.meta.url);
// Core's models first, then Identity's (CreateCompartmentDetails for CreateCompartment).
const MODEL_DIRS = ['oci-core', 'oci-identity'].map((p) => path.join(path.dirname(require.resolve(p)), 'lib', 'model'));
const CLIENTS: Record<string, object> = {
  VirtualNetworkClient: core.VirtualNetworkClient.prototype, ComputeClient: core.ComputeClient.prototype,
  WorkRequestClient: wr.WorkRequestClient.prototype, IdentityClient: identity.IdentityClient.prototype,
};

/** A field that names another resource: "id", "…Id" or "…Ids". */
const isIdField = (name: string): boolean => name === 'id' || /Ids?$/.test(name);

/**
 * The client method's generated code. Read as printed by the SDK or by a bundler (which may rename a
 * local to `queryParams2` or mark a call /* @__PURE__ *\/): the patterns below allow for both.
 */
function methodSource(client: string, op: string): string {
  const proto = CLIENTS[client] as Record<string, unknown> | undefined;
  const fn = proto?.[op];
  return typeof fn === 'function' ? fn.toString() : '';
}

function queryParams(client: string, op: string): string[] {
  const block = /queryParams\d* = \{([^}]*)\}/.exec(methodSource(client, op))?.[1] ?? '';
  return [...block.matchAll(/["']?(\w+)["']?\s*:/g)].map((m) => m[1] ?? '');
}

/** The query parameters the SDK sends for `op` that name a resource. */
export function queryIdParams(client: string, op: string): string[] {
  return queryParams(client, op).filter(isIdField);
}

/** The query parameters the SDK requires for `op`. */
export function requiredQuery(client: string, op: string): string[] {
  const required = /requiredParams\d* = [^;]*?new Set\(\[([^\]]*)\]\)/.exec(methodSource(client, op))?.[1] ?? '';
  const names = [...required.matchAll(/["'](\w+)["']/g)].map((m) => m[1] ?? '');
  return queryParams(client, op).filter((q) => names.includes(q));
}

/** "CreateDrgAttachmentDetails" → its typings, or '' for a type the SDK has no file for. */
function modelTypings(type: string): string {
  const name = `${type.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase()}.d.ts`;
  for (const dir of MODEL_DIRS) {
    try {
      return readFileSync(path.join(dir, name), 'utf8');
    } catch {
      // not this package's model
    }
  }
  return '';
}

/** Dotted paths ("networkDetails.id", "routeRules[].networkEntityId") of every id field in `type`. */
function idPaths(type: string, depth: number): string[] {
  const src = modelTypings(type);
  if (src === '' || depth > 3) return [];
  const out: string[] = [];
  const base = /interface \w+ extends model\.(\w+)/.exec(src)?.[1];
  if (base !== undefined) out.push(...idPaths(base, depth));
  for (const m of src.matchAll(/^ {4}"(\w+)"\??: (.+?);?$/gm)) {
    const [, name = '', fieldType = ''] = m;
    if (isIdField(name)) out.push(name);
    const nested = /model\.(\w+)/.exec(fieldType)?.[1];
    if (nested === undefined) continue;
    const prefix = fieldType.startsWith('Array<') ? `${name}[]` : name;
    out.push(...idPaths(nested, depth + 1).map((p) => `${prefix}.${p}`));
  }
  return [...new Set(out)];
}

/** The body model the SDK serialises for `op` (undefined: the operation sends no body). */
export function bodyModel(client: string, op: string): string | undefined {
  return /ObjectSerializer\.serialize\([^,]+,\s*["'](\w+)["']/.exec(methodSource(client, op))?.[1];
}

/** Every id field path in the body of `op`, as the SDK's models declare them. */
export function bodyIdPaths(client: string, op: string): string[] {
  const model = bodyModel(client, op);
  return model === undefined ? [] : idPaths(model, 0);
}

// Azure's validation rules (Microsoft.Network), returning ARM errors. Codes confirmed in public
// sources are used as they are; the ones FastRoute had to choose are listed in docs/differences.md.
import { arm } from '../errors.ts';
import { formatPrefix, parseCidr, type Ipv4Prefix } from '../cidr.ts';

const NAME_RE = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;

export function checkName(name: string): void {
  if (!NAME_RE.test(name)) {
    throw arm.badRequest('InvalidResourceName', `Resource name ${name} is invalid. The name can be up to 80 characters long. It must begin with a word character, and it must end with a word character or with '_'. The name may contain word characters or '.', '-', '_'.`);
  }
}

/** An address prefix as NRP checks it: format first, then that it is the network address. */
export function checkPrefix(text: string, resourceId: string): Ipv4Prefix {
  const loose = parseCidr(text, false);
  // parseCidr trims; a padded prefix would be stored as sent, so it is refused as OCI's are (docs/differences.md).
  if (!loose.ok || text !== text.trim()) {
    throw arm.badRequest('InvalidAddressPrefixFormat', `Address prefix ${text} of resource ${resourceId} is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24.`);
  }
  const strict = parseCidr(text, true);
  if (!strict.ok) {
    throw arm.badRequest('InvalidCIDRNotation', `The address prefix ${text} in resource ${resourceId} has an invalid CIDR notation. For the given prefix length, the address prefix should be ${formatPrefix(loose.prefix)}.`);
  }
  return strict.prefix;
}

export function missingProperty(property: string, resourceId: string): Error {
  return arm.badRequest('InvalidRequestFormat', `Cannot parse the request. Property '${property}' is required for resource ${resourceId}.`, property);
}

export function checkPriority(priority: number): void {
  if (!Number.isInteger(priority) || priority < 100 || priority > 4096) {
    throw arm.badRequest('SecurityRuleInvalidPriority', `Security rule has invalid Priority. Value provided: ${priority} Allowed range 100-4096.`);
  }
}

/** "*", "22", "1024-65535". */
export function checkPortSpec(spec: string): void {
  if (spec === '*') return;
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(spec);
  const lo = Number(m?.[1]);
  const hi = m?.[2] === undefined ? lo : Number(m[2]);
  if (!m || lo > 65535 || hi > 65535 || lo > hi) {
    throw arm.badRequest('SecurityRuleInvalidPortRange', `Security rule has invalid Port range. Value provided: ${spec}. Value should be an integer OR integer range with '-' delimiter. Valid range 0-65535.`);
  }
}

/** NSG address prefixes: a CIDR, an IP, "*" or a service tag. */
export const SERVICE_TAGS = ['VirtualNetwork', 'Internet', 'AzureLoadBalancer'] as const;

export function checkAddressSpec(spec: string, resourceId: string): void {
  if (spec === '*' || (SERVICE_TAGS as readonly string[]).includes(spec)) return;
  const text = spec.includes('/') ? spec : `${spec}/32`;
  checkPrefix(text, resourceId);
}

// Domain-name helpers: case-insensitive, without the trailing root dot, and suffix matching on
// whole labels ("db.azure.example" is under "azure.example", "xazure.example" is not).

/** "DB.Azure.Example." → "db.azure.example"; "." → "". */
export function canonicalName(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, '');
}

/** Is `name` the domain or under it? The root ("") covers every name. */
export function isUnder(name: string, domain: string): boolean {
  const n = canonicalName(name);
  const d = canonicalName(domain);
  return d === '' || n === d || n.endsWith(`.${d}`);
}

/** Labels in a domain ("" → 0), for longest-suffix choices. */
export function labelCount(domain: string): number {
  const d = canonicalName(domain);
  return d === '' ? 0 : d.split('.').length;
}

/** An RFC 1123 label from a display name, or undefined ("vm-oci" → "vm-oci", "VM 1" → undefined). */
export function hostLabel(displayName: string): string | undefined {
  const l = displayName.toLowerCase();
  return /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l) ? l : undefined;
}

// A namespace's firewall as one nftables script for `nft -f -`: it creates the table if missing,
// deletes it, and defines it anew, all in one transaction (nft 1.0.6 has no `destroy`), so a reload
// is atomic: no packet ever sees half a ruleset. A namespace without a firewall gets only the
// first two lines (whatever was there goes). Pure text, tested without root.
import type { PlanFirewall } from './plan.ts';

export const NFT_TABLE = 'inet fastroute';

export function nftScript(firewall: PlanFirewall | undefined): string {
  const lines = [`add table ${NFT_TABLE}`, `delete table ${NFT_TABLE}`];
  if (firewall) {
    lines.push(`table ${NFT_TABLE} {`);
    for (const set of firewall.sets) {
      lines.push(`  set ${set.name} {`, '    type ipv4_addr', '    flags interval');
      if (set.elements.length > 0) lines.push(`    elements = { ${set.elements.join(', ')} }`);
      lines.push('  }');
    }
    for (const chain of firewall.chains) {
      lines.push(`  chain ${chain.name} {`);
      if (chain.hook) lines.push(`    type filter hook ${chain.hook} priority filter; policy accept;`);
      for (const rule of chain.rules) lines.push(`    ${rule}`);
      lines.push('  }');
    }
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}

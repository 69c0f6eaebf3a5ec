// Doctor findings grouped by severity (errors first), each with what is wrong, the fix, and the
// resources involved.
import type { Finding, Severity } from '../../api/admin/contract.ts';
import { paint, type Colour } from './colour.ts';

const ORDER: readonly { severity: Severity; title: string; colour: Colour; mark: string }[] = [
  { severity: 'error', title: 'Errors', colour: 'red', mark: '✗' },
  { severity: 'warning', title: 'Warnings', colour: 'yellow', mark: '!' },
  { severity: 'info', title: 'Info', colour: 'dim', mark: 'i' },
];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function findingCounts(findings: readonly Finding[]): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info`;
}

function formatFinding(f: Finding, mark: string): string {
  const lines = [`  ${mark} ${f.code}: ${f.message}`, `      fix: ${f.fix}`];
  if (f.resources.length > 0) lines.push(`      resources: ${f.resources.join(', ')}`);
  return lines.join('\n');
}

export function formatFindings(findings: readonly Finding[], colour?: boolean): string {
  if (findings.length === 0) return 'Doctor: no findings.';
  const out = [`Doctor: ${findingCounts(findings)}`];
  for (const group of ORDER) {
    const list = findings.filter((f) => f.severity === group.severity);
    if (list.length === 0) continue;
    out.push('', paint(`${group.title}:`, group.colour, colour), ...list.map((f) => formatFinding(f, group.mark)));
  }
  return out.join('\n');
}

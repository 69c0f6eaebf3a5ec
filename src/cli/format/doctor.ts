// Doctor findings grouped by severity (errors first), each with what is wrong, the fix, and the
// resources involved, by display name (`--ids`: by id).
import type { Finding, Severity } from '../../api/admin/contract.ts';
import { paint, type Colour } from './colour.ts';
import { keepIds, type Namer } from './names.ts';

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

function formatFinding(f: Finding, mark: string, name: Namer): string {
  const lines = [`  ${mark} ${f.code}: ${name(f.message)}`, `      fix: ${name(f.fix)}`];
  if (f.resources.length > 0) lines.push(`      resources: ${f.resources.map(name).join(', ')}`);
  return lines.join('\n');
}

export function formatFindings(findings: readonly Finding[], name: Namer = keepIds, colour?: boolean): string {
  if (findings.length === 0) return 'Doctor: no findings.';
  const out = [`Doctor: ${findingCounts(findings)}`];
  for (const group of ORDER) {
    const list = findings.filter((f) => f.severity === group.severity);
    if (list.length === 0) continue;
    out.push('', paint(`${group.title}:`, group.colour, colour), ...list.map((f) => formatFinding(f, group.mark, name)));
  }
  return out.join('\n');
}

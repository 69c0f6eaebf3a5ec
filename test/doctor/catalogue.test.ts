// docs/findings.md and the FINDINGS catalogue must agree: the same codes, in UPPER_SNAKE_CASE, with
// the same severities; and every code the doctor can emit is in the catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { FINDINGS } from '../../src/doctor/catalogue.ts';

const DOC = path.join(import.meta.dirname, '../../docs/findings.md');

/** `## CODE` sections with the `**Severity:** x` line that follows each heading. */
function documented(): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  let current: string | undefined;
  for (const line of readFileSync(DOC, 'utf8').split('\n')) {
    const heading = /^## (\S+)\s*$/.exec(line);
    if (heading) {
      current = heading[1] ?? '';
      assert.ok(!out.has(current), `${current} is documented twice`);
      out.set(current, undefined);
      continue;
    }
    const severity = /^\*\*Severity:\*\*\s*(\w+)/.exec(line);
    if (severity && current !== undefined && out.get(current) === undefined) out.set(current, severity[1]);
  }
  return out;
}

void test('docs/findings.md documents exactly the catalogue\'s codes', () => {
  const doc = [...documented().keys()].sort();
  const catalogue = Object.keys(FINDINGS).sort();
  assert.deepEqual(doc.filter((c) => !catalogue.includes(c)), [], 'documented codes missing from FINDINGS');
  assert.deepEqual(catalogue.filter((c) => !doc.includes(c)), [], 'FINDINGS codes missing from docs/findings.md');
});

void test('docs/findings.md gives each code the catalogue\'s severity', () => {
  const doc = documented();
  for (const [code, entry] of Object.entries(FINDINGS)) {
    assert.equal(doc.get(code), entry.severity, `${code}: docs say ${doc.get(code) ?? 'nothing'}, catalogue says ${entry.severity}`);
  }
});

void test('codes are UPPER_SNAKE_CASE with a severity and a title', () => {
  for (const [code, entry] of Object.entries(FINDINGS)) {
    assert.match(code, /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    assert.ok(['error', 'warning', 'info'].includes(entry.severity), code);
    assert.ok(entry.title.length > 10, code);
  }
});

void test('every code the rules can emit is in the catalogue', () => {
  // The rules name their codes as the first argument of finding('CODE', ...).
  const dir = path.join(import.meta.dirname, '../../src/doctor/rules');
  const emitted = new Set<string>();
  for (const file of readdirSync(dir)) {
    for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(/finding\('([A-Z_]+)'/g)) emitted.add(m[1] ?? '');
  }
  assert.deepEqual([...emitted].filter((c) => !(c in FINDINGS)), []);
  assert.deepEqual(Object.keys(FINDINGS).filter((c) => !emitted.has(c)).sort(), [], 'every catalogued code has a rule');
});

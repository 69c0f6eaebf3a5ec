// docs/reasons.md documents every trace reason code of src/trace/reasons.ts, once, with its meaning,
// typical causes and fix: a code added to or removed from either side fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REASONS } from '../../src/trace/reasons.ts';

const DOC = path.join(import.meta.dirname, '../../docs/reasons.md');

/** `## CODE` sections of the doc, in order, with their text. */
function sections(markdown: string): { code: string; body: string }[] {
  const out: { code: string; body: string }[] = [];
  for (const part of markdown.split(/^## /m).slice(1)) {
    const [heading = '', ...rest] = part.split('\n');
    out.push({ code: heading.trim(), body: rest.join('\n') });
  }
  return out;
}

void describe('docs/reasons.md and the REASONS catalogue', () => {
  const doc = sections(readFileSync(DOC, 'utf8'));
  const documented = doc.map((s) => s.code);
  const catalogue = Object.keys(REASONS);

  void it('documents every code of the catalogue', () => {
    const missing = catalogue.filter((c) => !documented.includes(c));
    assert.deepEqual(missing, [], `codes missing from docs/reasons.md: ${missing.join(', ')}`);
  });

  void it('documents no code that the catalogue does not have', () => {
    const extra = documented.filter((c) => !catalogue.includes(c));
    assert.deepEqual(extra, [], `docs/reasons.md has sections for unknown codes: ${extra.join(', ')}`);
  });

  void it('has one section per code', () => {
    const repeated = documented.filter((c, i) => documented.indexOf(c) !== i);
    assert.deepEqual(repeated, [], `sections repeated: ${repeated.join(', ')}`);
  });

  void it('gives each code its meaning, typical causes and fix', () => {
    for (const { code, body } of doc) {
      for (const part of ['**Meaning.**', '**Typical causes.**', '**How to fix.**']) {
        assert.ok(body.includes(part), `## ${code} lacks ${part}`);
      }
    }
  });
});

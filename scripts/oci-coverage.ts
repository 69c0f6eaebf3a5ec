// Rewrites the OCI coverage block in README.md from the route table.
// Run: node --import tsx scripts/oci-coverage.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { withCoverage } from '../src/api/oci/coverage.ts';

const path = new URL('../README.md', import.meta.url);
const updated = withCoverage(readFileSync(path, 'utf8'));
if (updated === undefined) throw new Error('README.md has no oci-coverage markers');
writeFileSync(path, updated);
console.log('README.md: OCI coverage table updated');

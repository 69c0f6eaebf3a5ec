// Writes monitoring/prometheus/fastroute-alerts.yml from src/alerts/rules.ts, the rules' one
// definition (FastRoute's own alert evaluation uses the same). Run after editing a rule:
//   node --import tsx scripts/gen-alert-rules.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ALERT_RULES } from '../src/alerts/rules.ts';
import { rulesYaml } from '../src/alerts/yaml.ts';

const file = path.join(import.meta.dirname, '../monitoring/prometheus/fastroute-alerts.yml');
writeFileSync(file, rulesYaml(ALERT_RULES));
console.log(`wrote ${path.relative(process.cwd(), file)} (${ALERT_RULES.length} rules)`);

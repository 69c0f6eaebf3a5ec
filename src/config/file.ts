// The optional config file: named by --config / FASTROUTE_CONFIG, or fastroute.config.yaml (.yml,
// .json) in the working directory. YAML is a superset of JSON, so one parser reads both.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from './errors.ts';
import { coerce, DEFAULT_CONFIG_FILES } from './fields.ts';
import { documentLayer, emptyLayer, isPlainObject, type Layer } from './layers.ts';

/** Fields holding paths: in a file they are relative to the file, not to the working directory. */
const PATH_FIELDS = ['dataDir', 'lab'] as const;

export function findConfigFile(cwd: string, named: { file: string; source: string } | undefined): { file: string; source: string } | undefined {
  if (named) return { file: path.resolve(cwd, named.file), source: named.source };
  for (const name of DEFAULT_CONFIG_FILES) {
    const file = path.join(cwd, name);
    if (existsSync(file)) return { file, source: 'the working directory' };
  }
  return undefined;
}

export function fileLayer(found: { file: string; source: string } | undefined, cwd: string): Layer {
  if (!found) return emptyLayer();
  const { file } = found;
  const shown = path.relative(cwd, file) || file;
  const label = `config file ${shown}`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (e as Error).message;
    throw new ConfigError([{ field: '', source: found.source, problem: `names ${shown}, which ${reason}` }]);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const where = first.linePos?.[0] ? `line ${first.linePos[0].line}: ` : '';
    throw new ConfigError([{ field: '', source: label, problem: `is not valid YAML/JSON (${where}${first.message.split('\n')[0] ?? ''})` }]);
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return emptyLayer();
  if (!isPlainObject(value)) {
    throw new ConfigError([{ field: '', source: label, problem: 'must be a mapping of settings (e.g. "clock: manual")' }]);
  }
  // `lab: none` / `lab: null` mean "no lab", as FASTROUTE_LAB=none does.
  if (value.lab === null || (typeof value.lab === 'string' && coerce('lab', value.lab) === false)) value.lab = false;
  for (const field of PATH_FIELDS) {
    const v = value[field];
    if (typeof v === 'string' && v !== '') value[field] = path.resolve(path.dirname(file), v);
  }
  return documentLayer(value, label);
}

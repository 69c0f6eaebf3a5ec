// Builds the effective configuration: schema defaults < config file < FASTROUTE_* environment <
// CLI flags, validated once by the schema. Errors name the field and the source of its value.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './errors.ts';
import { CONFIG_FILE_ENV } from './fields.ts';
import { fileLayer, findConfigFile } from './file.ts';
import { envLayer, flagLayer, getPath, mergeLayers, sourceOf } from './layers.ts';
import { configSchema, type Config } from './schema.ts';

export interface LoadConfigOptions {
  /** Working directory: where relative paths and fastroute.config.yaml are looked up. */
  cwd?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Commander options of `fastroute start` (camelCase keys). */
  flags?: Readonly<Record<string, unknown>>;
  /** `--config FILE`. */
  configFile?: string;
}

export function loadConfig(opts: LoadConfigOptions = {}): Config {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  const envFile = env[CONFIG_FILE_ENV];
  const named =
    opts.configFile !== undefined ? { file: opts.configFile, source: '--config' }
    : envFile !== undefined && envFile !== '' ? { file: envFile, source: CONFIG_FILE_ENV }
    : undefined;
  const found = findConfigFile(cwd, named);
  const merged = mergeLayers([fileLayer(found, cwd), envLayer(env), flagLayer(opts.flags ?? {})]);

  const result = configSchema.safeParse(merged.values);
  if (!result.success) {
    throw new ConfigError(result.error.issues.flatMap((issue) => toProblems(issue, merged.values, merged.sources)));
  }
  const config = result.data;
  if (config.inMemory && config.store !== undefined) {
    throw new ConfigError([{ field: 'store', source: sourceOf(merged.sources, 'store'), problem: `cannot be combined with inMemory (from ${sourceOf(merged.sources, 'inMemory')}): choose one` }]);
  }
  // Relative paths from env/flags/defaults are relative to where FastRoute was started; those only
  // a config file carries (API key files) are relative to that file, wherever FastRoute starts.
  return {
    ...config,
    ociApiKeys: resolveKeyFiles(config.ociApiKeys, found === undefined ? cwd : path.dirname(found.file), merged.sources),
    dataDir: path.resolve(cwd, config.dataDir),
    ...(typeof config.lab === 'string' ? { lab: path.resolve(cwd, config.lab) } : {}),
  };
}

type Issue = z.core.$ZodIssue;

function toProblems(issue: Issue, raw: unknown, sources: ReadonlyMap<string, string>): ConfigProblem[] {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const f = field === '' ? key : `${field}.${key}`;
      return { field: f, source: sourceOf(sources, f), problem: 'is not a known setting' };
    });
  }
  const got = getPath(raw, issue.path);
  return [{ field, source: sourceOf(sources, field), problem: `${describeIssue(issue)}; got ${show(got)}` }];
}

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      return `must be ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      return `must be ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return `must be ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    case 'invalid_union':
      return 'must be a file path, or false for none';
    default:
      return issue.message;
  }
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  return JSON.stringify(value);
}

/** Each key file made absolute against `base` and checked readable now, so a missing one is a config error (exit 2). */
function resolveKeyFiles(keys: Config['ociApiKeys'], base: string, sources: ReadonlyMap<string, string>): Config['ociApiKeys'] {
  const problems: ConfigProblem[] = [];
  const resolved = keys.map((k, i) => {
    const file = path.resolve(base, k.publicKeyFile);
    try {
      accessSync(file, constants.R_OK);
    } catch (e) {
      const field = `ociApiKeys.${i}.publicKeyFile`;
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
      problems.push({ field, source: sourceOf(sources, field), problem: `names ${file}, which ${reason}` });
    }
    return { ...k, publicKeyFile: file };
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return resolved;
}

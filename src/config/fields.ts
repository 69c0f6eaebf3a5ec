// Where each configuration field can be set outside a config file: its FASTROUTE_* variable and
// its `fastroute start` flag. Kept as data so the env reader, the flag reader, the CLI options and
// the README cannot drift apart.

/** How a raw string (env var, flag argument) becomes a config value before schema validation. */
export type FieldType = 'string' | 'number' | 'boolean' | 'lab';

export interface ConfigField {
  /** Dotted path in the config schema, e.g. "ports.admin". */
  path: string;
  env: string;
  /** Long flag of `fastroute start`, e.g. "--admin-port". */
  flag: string;
  type: FieldType;
  /** Argument name shown in help, for non-boolean flags. */
  arg?: string;
}

export const CONFIG_FIELDS: readonly ConfigField[] = [
  { path: 'dataDir', env: 'FASTROUTE_DATA_DIR', flag: '--data-dir', type: 'string', arg: 'DIR' },
  { path: 'inMemory', env: 'FASTROUTE_IN_MEMORY', flag: '--in-memory', type: 'boolean' },
  { path: 'store', env: 'FASTROUTE_STORE', flag: '--store', type: 'string', arg: 'URL' },
  { path: 'lab', env: 'FASTROUTE_LAB', flag: '--lab', type: 'lab', arg: 'FILE' },
  { path: 'clock', env: 'FASTROUTE_CLOCK', flag: '--clock', type: 'string', arg: 'MODE' },
  { path: 'clockScale', env: 'FASTROUTE_CLOCK_SCALE', flag: '--clock-scale', type: 'number', arg: 'N' },
  { path: 'eventRetention', env: 'FASTROUTE_EVENT_RETENTION', flag: '--event-retention', type: 'number', arg: 'N' },
  { path: 'host', env: 'FASTROUTE_HOST', flag: '--host', type: 'string', arg: 'HOST' },
  { path: 'ports.admin', env: 'FASTROUTE_ADMIN_PORT', flag: '--admin-port', type: 'number', arg: 'N' },
  { path: 'ports.oci', env: 'FASTROUTE_OCI_PORT', flag: '--oci-port', type: 'number', arg: 'N' },
  { path: 'ports.arm', env: 'FASTROUTE_ARM_PORT', flag: '--arm-port', type: 'number', arg: 'N' },
  { path: 'regionPairs', env: 'FASTROUTE_REGION_PAIRS', flag: '--region-pairs', type: 'string', arg: 'VERSION' },
  { path: 'ociDefaultRegion', env: 'FASTROUTE_OCI_DEFAULT_REGION', flag: '--oci-default-region', type: 'string', arg: 'REGION' },
  { path: 'ociRateLimit', env: 'FASTROUTE_OCI_RATE_LIMIT', flag: '--oci-rate-limit', type: 'number', arg: 'N' },
  { path: 'strictAuth', env: 'FASTROUTE_STRICT_AUTH', flag: '--strict-auth', type: 'boolean' },
  { path: 'logLevel', env: 'FASTROUTE_LOG_LEVEL', flag: '--log-level', type: 'string', arg: 'LEVEL' },
  { path: 'dataplane', env: 'FASTROUTE_DATAPLANE', flag: '--dataplane', type: 'boolean' },
  { path: 'dataplaneBgp', env: 'FASTROUTE_DATAPLANE_BGP', flag: '--dataplane-bgp', type: 'boolean' },
  { path: 'dataplaneMsee', env: 'FASTROUTE_DATAPLANE_MSEE', flag: '--dataplane-msee', type: 'string', arg: 'DAEMON' },
];

/** Environment variable naming a config file (same role as `--config`). */
export const CONFIG_FILE_ENV = 'FASTROUTE_CONFIG';

/** Config files looked up in the working directory when none is named. */
export const DEFAULT_CONFIG_FILES = ['fastroute.config.yaml', 'fastroute.config.yml', 'fastroute.config.json'] as const;

/**
 * Turns a raw string into the field's type. Values that do not convert are passed on unchanged so
 * the schema reports them (with the source) instead of them being silently dropped.
 */
export function coerce(type: FieldType, raw: string): unknown {
  const v = raw.trim();
  switch (type) {
    case 'string':
      return raw;
    case 'number':
      return v !== '' && Number.isFinite(Number(v)) ? Number(v) : raw;
    case 'boolean':
      if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
      if (['0', 'false', 'no', 'off', ''].includes(v.toLowerCase())) return false;
      return raw;
    case 'lab':
      return ['', 'none', 'false', 'off'].includes(v.toLowerCase()) ? false : raw;
  }
}

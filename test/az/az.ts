// Runs the Debian azure-cli 2.45 (through az-launcher.py, which makes `az network` importable and
// stubs the CLI's version check) against the local emulator, offline and hermetically:
// - a clean environment (nothing AZURE_*, ARM_* or proxy-related leaks in from the caller);
// - every setting that makes the CLI call the internet by itself is off (telemetry upload,
//   Aladdin suggestions on errors, extension index lookups, auto-upgrade, survey);
// - as a backstop, HTTP(S)_PROXY points at a closed loopback port and NO_PROXY lists loopback,
//   so any call to a non-loopback host fails at once instead of leaving the machine.
// Each test should use its own config dir (AZURE_CONFIG_DIR); see prepareAzConfigDir.
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const AZ_LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'az-launcher.py');

/** Debian's interpreter; `python3` on PATH may be a pyenv shim without azure.cli (and costs ~0.4 s). */
const SYSTEM_PYTHON = '/usr/bin/python3';

export interface AzEnv {
  /** AZURE_CONFIG_DIR for this run: one per test (see prepareAzConfigDir). */
  configDir: string;
  /** REQUESTS_CA_BUNDLE: PEM of the CA that signed the emulator's certificate. */
  caBundle?: string;
  /** MSI_ENDPOINT for `az login --identity`, e.g. http://127.0.0.1:PORT/msi/token. Keep it set for later commands. */
  msiEndpoint?: string;
  /** Append `--output json` (unless args already choose an output) and parse stdout into `json`. */
  json?: boolean;
  /** Kill the child after this long (default 60 000 ms). */
  timeoutMs?: number;
  /** Working directory (default: configDir). */
  cwd?: string;
  /** Python interpreter (default /usr/bin/python3 when present, else python3 from PATH). */
  python?: string;
  /** Extra variables, applied last (e.g. AZURE_CLI_DISABLE_CONNECTION_VERIFICATION: '1'). */
  extraEnv?: Record<string, string>;
}

export interface AzResult {
  /** Exit code; 124 when the timeout killed the child, 128+n when it died of signal n otherwise. */
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Parsed stdout when `json` was asked for and stdout is valid JSON. */
  json?: unknown;
  timedOut?: boolean;
}

/** Config settings that keep the CLI quiet and offline. Env vars AZURE_<SECTION>_<OPTION> override the file. */
const OFFLINE_CONFIG: Record<string, Record<string, string>> = {
  core: {
    collect_telemetry: 'no', // no telemetry upload (a detached python process that posts to Microsoft)
    error_recommendation: 'off', // no https://app.aladdin.microsoft.com call on argument errors
    survey_message: 'false',
    no_color: 'true',
    only_show_errors: 'true',
    disable_progress_bar: 'true',
    first_run: 'yes', // skip the first-run banner of `az` without arguments
  },
  extension: { use_dynamic_install: 'no' }, // no extension index download for unknown commands
  'auto-upgrade': { enable: 'no' },
  logging: { enable_log_file: 'no' }, // no per-command log files under <configDir>/commands
};

function envFromConfig(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [section, options] of Object.entries(OFFLINE_CONFIG)) {
    if (section.includes('-')) continue; // `auto-upgrade` cannot be a portable env name; the file and default cover it
    for (const [option, value] of Object.entries(options)) env[`AZURE_${section.toUpperCase()}_${option.toUpperCase()}`] = value;
  }
  return env;
}

/**
 * Creates (if needed) an AZURE_CONFIG_DIR with a `config` file holding OFFLINE_CONFIG, so that a
 * manual `AZURE_CONFIG_DIR=<dir> python3 test/az/az-launcher.py …` behaves like runAz.
 * `commandIndexFrom`: a config dir already used once (see primeAzCommandIndex); copying its
 * commandIndex.json saves ~1 s on the first command in the new dir.
 */
export function prepareAzConfigDir(dir?: string, opts: { commandIndexFrom?: string } = {}): string {
  const configDir = dir ?? mkdtempSync(join(tmpdir(), 'fastroute-az-'));
  mkdirSync(configDir, { recursive: true });
  const text = Object.entries(OFFLINE_CONFIG)
    .map(([section, options]) => `[${section}]\n${Object.entries(options).map(([k, v]) => `${k} = ${v}\n`).join('')}`)
    .join('\n');
  writeFileSync(join(configDir, 'config'), text, { mode: 0o600 });
  const index = opts.commandIndexFrom === undefined ? undefined : join(opts.commandIndexFrom, 'commandIndex.json');
  if (index !== undefined && existsSync(index)) copyFileSync(index, join(configDir, 'commandIndex.json'));
  return configDir;
}

let primed: Promise<string> | undefined;

/** Once per process: a config dir whose command index is built (for prepareAzConfigDir's commandIndexFrom). */
export function primeAzCommandIndex(): Promise<string> {
  primed ??= (async () => {
    const dir = prepareAzConfigDir();
    const r = await runAz(['network', 'vnet', 'create', '-h'], { configDir: dir });
    if (r.code !== 0) throw new Error(`az did not start (exit ${r.code}): ${r.stderr.slice(0, 2000)}`);
    return dir;
  })();
  return primed;
}

function pythonPath(env?: AzEnv): string {
  return env?.python ?? (existsSync(SYSTEM_PYTHON) ? SYSTEM_PYTHON : 'python3');
}

let unavailable: string | null | undefined;

/** Why the az CLI cannot run here, or undefined when it can. */
export function azUnavailableReason(): string | undefined {
  if (unavailable === undefined) {
    const python = pythonPath();
    const probe = spawnSync(python, ['-c', "import importlib.util as u, sys; sys.exit(0 if u.find_spec('azure.cli.core') else 3)"], { encoding: 'utf8', timeout: 20_000 });
    if (!existsSync(AZ_LAUNCHER)) unavailable = `launcher missing: ${AZ_LAUNCHER}`;
    else if (probe.error !== undefined) unavailable = `cannot run ${python}: ${probe.error.message}`;
    else if (probe.status !== 0) unavailable = `skipped: azure-cli not found (${python} cannot import azure.cli.core; apt-get install -y azure-cli; .ci/run does)`;
    else unavailable = null;
  }
  return unavailable ?? undefined;
}

export function azAvailable(): boolean {
  return azUnavailableReason() === undefined;
}

function childEnv(env: AzEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: env.configDir, // nothing may read or write the real ~/.azure
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    PYTHONIOENCODING: 'utf-8',
    AZURE_CONFIG_DIR: env.configDir,
    ...envFromConfig(),
    // Backstop: requests/urllib send anything not on loopback to a closed loopback port.
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost,::1',
  };
  if (process.env.TMPDIR !== undefined) out.TMPDIR = process.env.TMPDIR;
  if (env.caBundle !== undefined) out.REQUESTS_CA_BUNDLE = env.caBundle;
  if (env.msiEndpoint !== undefined) out.MSI_ENDPOINT = env.msiEndpoint;
  return { ...out, ...env.extraEnv };
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Runs `python3 az-launcher.py ...args` (no shell). Resolves with the exit code; rejects only if the process cannot start. */
export function runAz(args: string[], env: AzEnv): Promise<AzResult> {
  const argv = [AZ_LAUNCHER, ...args];
  if (env.json === true && !args.some((a) => a === '-o' || a === '--output' || a.startsWith('--output='))) argv.push('--output', 'json');
  const timeoutMs = env.timeoutMs ?? 60_000;
  const started = performance.now();
  return new Promise<AzResult>((resolve, reject) => {
    let timedOut = false;
    const child = execFile(
      pythonPath(env),
      argv,
      { env: childEnv(env), cwd: env.cwd ?? env.configDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        clearTimeout(timer);
        const ms = Math.round(performance.now() - started);
        let code = 0;
        if (error !== null) {
          if (typeof error.code === 'string') {
            reject(new Error(`cannot run ${pythonPath(env)} ${AZ_LAUNCHER}: ${error.message}`));
            return;
          }
          code = timedOut ? 124 : typeof error.code === 'number' ? error.code : 128 + (SIGNALS[error.signal ?? ''] ?? 0);
        }
        const result: AzResult = { code, stdout, stderr, ms };
        if (timedOut) result.timedOut = true;
        if (env.json === true && stdout.trim() !== '') {
          try {
            result.json = JSON.parse(stdout) as unknown;
          } catch {
            // leave json unset: the caller sees stdout
          }
        }
        resolve(result);
      },
    );
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }, timeoutMs);
  });
}

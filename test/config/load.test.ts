// Configuration precedence (defaults < file < env < flags) and errors that name field and source.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/config/errors.ts';
import { loadConfig } from '../../src/config/load.ts';

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'fastroute-config-'));
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a ConfigError');
}

void describe('config defaults', () => {
  void it('uses the embedded defaults when nothing is set', () => {
    const cwd = tempDir();
    const c = loadConfig({ cwd, env: {} });
    assert.equal(c.dataDir, path.join(cwd, '.fastroute'));
    assert.equal(c.inMemory, false);
    assert.equal(c.lab, undefined);
    assert.equal(c.clock, 'instant');
    assert.equal(c.clockScale, 0.01);
    assert.equal(c.host, '127.0.0.1');
    assert.deepEqual(c.ports, { admin: 4650, oci: 4651, arm: 4652 });
    assert.equal(c.regionPairs, '2024-10');
    assert.equal(c.logLevel, 'warn');
  });

  void it('ignores FASTROUTE_URL (a client setting) and unrelated variables', () => {
    const c = loadConfig({ cwd: tempDir(), env: { FASTROUTE_URL: 'http://x:1', PATH: '/bin' } });
    assert.equal(c.clock, 'instant');
  });
});

void describe('config precedence: defaults < file < env < flags', () => {
  const setup = (): string => {
    const cwd = tempDir();
    writeFileSync(
      path.join(cwd, 'fastroute.config.yaml'),
      ['clock: manual', 'clockScale: 0.5', 'dataDir: data', 'ports:', '  admin: 5000', '  oci: 5001', 'logLevel: info'].join('\n'),
    );
    return cwd;
  };

  void it('a config file in the working directory overrides defaults (paths relative to the file)', () => {
    const cwd = setup();
    const c = loadConfig({ cwd, env: {} });
    assert.equal(c.clock, 'manual');
    assert.equal(c.clockScale, 0.5);
    assert.equal(c.dataDir, path.join(cwd, 'data'));
    assert.deepEqual(c.ports, { admin: 5000, oci: 5001, arm: 4652 });
    assert.equal(c.logLevel, 'info');
  });

  void it('environment variables override the file', () => {
    const cwd = setup();
    const c = loadConfig({ cwd, env: { FASTROUTE_CLOCK: 'realistic', FASTROUTE_ADMIN_PORT: '6000', FASTROUTE_IN_MEMORY: 'true' } });
    assert.equal(c.clock, 'realistic');
    assert.equal(c.ports.admin, 6000);
    assert.equal(c.ports.oci, 5001, 'a sibling set only in the file survives');
    assert.equal(c.inMemory, true);
    assert.equal(c.clockScale, 0.5);
  });

  void it('flags override the environment', () => {
    const cwd = setup();
    const c = loadConfig({
      cwd,
      env: { FASTROUTE_CLOCK: 'realistic', FASTROUTE_ADMIN_PORT: '6000', FASTROUTE_DATA_DIR: 'env-data' },
      flags: { clock: 'instant', adminPort: '7000', clockScale: '2' },
    });
    assert.equal(c.clock, 'instant');
    assert.equal(c.ports.admin, 7000);
    assert.equal(c.clockScale, 2);
    assert.equal(c.dataDir, path.join(cwd, 'env-data'), 'env paths are relative to the working directory');
  });

  void it('--config names a JSON file explicitly and beats fastroute.config.yaml', () => {
    const cwd = setup();
    writeFileSync(path.join(cwd, 'other.json'), JSON.stringify({ clock: 'realistic', inMemory: true }));
    const c = loadConfig({ cwd, env: {}, configFile: 'other.json' });
    assert.equal(c.clock, 'realistic');
    assert.equal(c.inMemory, true);
    assert.equal(c.ports.admin, 4650, 'the default file is not read when another is named');
  });

  void it('FASTROUTE_CONFIG names a file too', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'team.yaml'), 'host: 0.0.0.0\n');
    assert.equal(loadConfig({ cwd, env: { FASTROUTE_CONFIG: 'team.yaml' } }).host, '0.0.0.0');
  });

  void it('--no-lab, FASTROUTE_LAB=none and `lab: false` all mean no lab; a lab path is resolved', () => {
    const cwd = tempDir();
    assert.equal(loadConfig({ cwd, env: {}, flags: { lab: false } }).lab, false);
    assert.equal(loadConfig({ cwd, env: { FASTROUTE_LAB: 'none' } }).lab, false);
    assert.equal(loadConfig({ cwd, env: { FASTROUTE_LAB: 'labs/x.yaml' } }).lab, path.join(cwd, 'labs/x.yaml'));
    writeFileSync(path.join(cwd, 'fastroute.config.yaml'), 'lab: false\n');
    assert.equal(loadConfig({ cwd, env: {} }).lab, false);
    assert.equal(loadConfig({ cwd, env: {}, flags: { lab: 'mine.yaml' } }).lab, path.join(cwd, 'mine.yaml'));
  });
});

void describe('config errors name the field and its source', () => {
  void it('a bad env value', () => {
    const e = configError(() => loadConfig({ cwd: tempDir(), env: { FASTROUTE_CLOCK: 'fast' } }));
    assert.equal(e.message, 'invalid config: clock (from FASTROUTE_CLOCK) must be one of instant, realistic, manual; got "fast"');
    assert.deepEqual(e.problems.map((p) => p.field), ['clock']);
  });

  void it('a bad flag value', () => {
    const e = configError(() => loadConfig({ cwd: tempDir(), env: {}, flags: { clockScale: '0' } }));
    assert.equal(e.message, 'invalid config: clockScale (from --clock-scale) must be > 0; got 0');
  });

  void it('a clock scale so large that scheduled times would leave the range of a Date', () => {
    const e = configError(() => loadConfig({ cwd: tempDir(), env: { FASTROUTE_CLOCK_SCALE: '1e12' } }));
    assert.deepEqual(e.problems.map((p) => p.field), ['clockScale']);
    assert.match(e.message, /clockScale \(from FASTROUTE_CLOCK_SCALE\) must be <= 1000/);
    assert.equal(loadConfig({ cwd: tempDir(), env: { FASTROUTE_CLOCK_SCALE: '1000' } }).clockScale, 1000);
  });

  void it('an API key file is resolved against the config file\'s directory, and a missing one names the field', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'key.pem'), 'PEM');
    const key = { tenancyId: 't', userId: 'u', fingerprint: 'f', publicKeyFile: 'key.pem' };
    writeFileSync(path.join(dir, 'keys.json'), JSON.stringify({ ociApiKeys: [key] }));
    const elsewhere = tempDir();
    const c = loadConfig({ cwd: elsewhere, env: {}, configFile: path.join(dir, 'keys.json') });
    assert.equal(c.ociApiKeys[0]?.publicKeyFile, path.join(dir, 'key.pem'));
    writeFileSync(path.join(dir, 'missing.json'), JSON.stringify({ ociApiKeys: [{ ...key, publicKeyFile: 'nope.pem' }] }));
    const e = configError(() => loadConfig({ cwd: elsewhere, env: {}, configFile: path.join(dir, 'missing.json') }));
    assert.deepEqual(e.problems.map((p) => p.field), ['ociApiKeys.0.publicKeyFile']);
    assert.match(e.message, /nope\.pem, which does not exist/);
  });

  void it('a non-numeric port from the environment', () => {
    const e = configError(() => loadConfig({ cwd: tempDir(), env: { FASTROUTE_ADMIN_PORT: 'abc' } }));
    assert.match(e.message, /^invalid config: ports\.admin \(from FASTROUTE_ADMIN_PORT\) must be a number; got "abc"$/);
  });

  void it('an out-of-range port', () => {
    const e = configError(() => loadConfig({ cwd: tempDir(), env: {}, flags: { adminPort: '70000' } }));
    assert.match(e.message, /ports\.admin \(from --admin-port\) must be <= 65535; got 70000/);
  });

  void it('a bad boolean', () => {
    const e = configError(() => loadConfig({ cwd: tempDir(), env: { FASTROUTE_IN_MEMORY: 'maybe' } }));
    assert.match(e.message, /inMemory \(from FASTROUTE_IN_MEMORY\) must be a boolean; got "maybe"/);
  });

  void it('a store that is not a postgres:// URL, and a store with inMemory', () => {
    const e = configError(() => loadConfig({ cwd: tempDir(), env: { FASTROUTE_STORE: 'mysql://db/x' } }));
    assert.match(e.message, /store \(from FASTROUTE_STORE\) must be a postgres:\/\/ URL .*; got "mysql:\/\/db\/x"/);
    const both = configError(() => loadConfig({ cwd: tempDir(), env: { FASTROUTE_IN_MEMORY: '1' }, flags: { store: 'postgres://u@h/db' } }));
    assert.match(both.message, /store \(from --store\) cannot be combined with inMemory \(from FASTROUTE_IN_MEMORY\)/);
    assert.equal(loadConfig({ cwd: tempDir(), env: { FASTROUTE_STORE: 'postgresql://u@h/db' } }).store, 'postgresql://u@h/db');
  });

  void it('a bad value and an unknown key in the config file', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'fastroute.config.yaml'), 'clock: sometimes\nports:\n  admin: 1\n  sql: 5432\ncolour: blue\n');
    const e = configError(() => loadConfig({ cwd, env: {} }));
    const lines = e.message.split('\n');
    assert.ok(lines.includes('invalid config: clock (from config file fastroute.config.yaml) must be one of instant, realistic, manual; got "sometimes"'), e.message);
    assert.ok(lines.includes('invalid config: ports.sql (from config file fastroute.config.yaml) is not a known setting'), e.message);
    assert.ok(lines.includes('invalid config: colour (from config file fastroute.config.yaml) is not a known setting'), e.message);
  });

  void it('an env value wins over a bad file value, so only real problems are reported', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'fastroute.config.yaml'), 'clock: sometimes\n');
    assert.equal(loadConfig({ cwd, env: { FASTROUTE_CLOCK: 'manual' } }).clock, 'manual');
  });

  void it('an unknown region-pair catalogue', () => {
    const e = configError(() => loadConfig({ cwd: tempDir(), env: { FASTROUTE_REGION_PAIRS: '1999' } }));
    assert.match(e.message, /regionPairs \(from FASTROUTE_REGION_PAIRS\) must be one of (2020, 2024-10|2024-10, 2020); got "1999"/);
  });

  void it('a missing --config file and a malformed file', () => {
    const cwd = tempDir();
    assert.match(configError(() => loadConfig({ cwd, env: {}, configFile: 'nope.yaml' })).message, /\(from --config\) names nope\.yaml, which does not exist/);
    writeFileSync(path.join(cwd, 'bad.yaml'), 'clock: [unclosed\n');
    assert.match(configError(() => loadConfig({ cwd, env: {}, configFile: 'bad.yaml' })).message, /config file bad\.yaml\) is not valid YAML/);
    writeFileSync(path.join(cwd, 'list.yaml'), '- a\n- b\n');
    assert.match(configError(() => loadConfig({ cwd, env: {}, configFile: 'list.yaml' })).message, /must be a mapping/);
  });
});

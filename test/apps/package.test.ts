/**
 * finplan as an npm package, the way a bank's build machine gets it: the packed tarball installs
 * into an empty folder from the npm cache alone (no network, no system tools) and its `finplan`
 * command renders a plan. Also the checkout's own bin.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/cli.js';
import { samplePath } from '../helpers/samples.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const NPM_CLI = process.env.npm_execpath; // set when the tests run under `npm test`

/** npm, run by the same node as the tests; quiet, and never asking the network unless told. */
function npm(args: string[], cwd: string): string {
  const [command, prefix] = NPM_CLI?.endsWith('.js') ? [process.execPath, [NPM_CLI]] : ['npm', []];
  return execFileSync(command, [...prefix, ...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('the checkout', () => {
  it('has the bin that package.json names, and it runs the CLI', () => {
    ensureBuilt();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const bin = join(ROOT, pkg.bin.finplan);
    const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('has no native canvas binary among its runtime dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).not.toContain('@napi-rs/canvas');
    expect(Object.keys(pkg.dependencies)).not.toContain('canvas');
  });
});

describe('the packed tarball', () => {
  let tarball = '';
  let tarballIntegrity = '';
  let files: string[] = [];

  beforeAll(() => {
    ensureBuilt(); // dist/ was compiled by test/global-setup.ts; packing must not compile again
    const dest = mkdtempSync(join(tmpdir(), 'finplan-pack-'));
    const out = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dest], ROOT));
    tarball = join(dest, out[0].filename);
    tarballIntegrity = out[0].integrity;
    files = out[0].files.map((f: { path: string }) => f.path);
  }, 120_000);

  it('holds the compiled code, the bin, templates, fonts and docs, and no tests, outputs or bench results', () => {
    for (const needed of [
      'bin/finplan.js',
      'dist/apps/cli/main.js',
      'dist/index.js',
      'dist/index.d.ts',
      'templates/brands/default/theme.json',
      'fonts/NotoSansSC-Regular.ttf',
      'fonts/OFL.txt',
      'docs/profile.md',
      'samples/family-with-children-education-and-retirement.json',
      'README.md',
    ])
      expect(files).toContain(needed);
    const unwanted = files.filter((f) =>
      /^(test|bench|src|\.ci|coverage)\/|\.pdf$|\.tsbuildinfo$|^samples\/.*\.(pdf|plan\.json)$/.test(f),
    );
    expect(unwanted).toEqual([]);
  });

  it('installs into an empty folder from the npm cache alone, and `npx finplan plan` renders a sample', () => {
    const dir = mkdtempSync(join(tmpdir(), 'finplan-install-'));
    copyFileSync(tarball, join(dir, 'finplan.tgz'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'bank-app', private: true, dependencies: { finplan: 'file:finplan.tgz' } }),
    );
    // A bank builds from a lockfile. This one pins finplan's runtime dependencies exactly as this
    // checkout's lockfile does, so --offline can take every package from the cache that installing
    // the checkout filled: the registry is never asked (npm ci caches tarballs, not the registry's
    // metadata, so a lockfile-less install could not resolve versions offline).
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lockfileFor(tarballIntegrity)));
    npm(['ci', '--offline'], dir);
    copyFileSync(samplePath('single-parent-chengdu'), join(dir, 'client.json'));
    const r = spawnSync(
      join(dir, 'node_modules', '.bin', 'finplan'),
      ['plan', 'client.json', '-o', 'client.pdf'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toContain('已生成理财规划书');
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'client.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // The installed package carries no native canvas binary.
    const installed = npm(['ls', '--all', '--parseable'], dir);
    expect(installed).not.toMatch(/@napi-rs[/\\]canvas/);
    // And `npx finplan`, as the README offers it.
    const viaNpx = spawnSync('npx', ['--offline', 'finplan', '--version'], { cwd: dir, encoding: 'utf8' });
    expect(viaNpx.status).toBe(0);
    expect(viaNpx.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  }, 180_000);
});

interface LockEntry {
  version?: string;
  dev?: boolean;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** A lockfile for an app depending on finplan.tgz: the checkout's runtime packages, as locked. */
function lockfileFor(integrity: string): unknown {
  const own = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const root: LockEntry = own.packages[''];
  const packages: Record<string, LockEntry> = {
    '': { name: 'bank-app', dependencies: { finplan: 'file:finplan.tgz' } },
    'node_modules/finplan': {
      version: root.version,
      resolved: 'file:finplan.tgz',
      integrity,
      license: root.license,
      dependencies: root.dependencies,
      bin: root.bin,
      engines: root.engines,
    },
  };
  for (const [path, entry] of Object.entries(own.packages as Record<string, LockEntry>))
    if (path !== '' && !entry.dev) packages[path] = entry;
  return { name: 'bank-app', lockfileVersion: 3, requires: true, packages };
}

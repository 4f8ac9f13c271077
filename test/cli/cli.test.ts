// The `kgroup` command: it prints the table or JSON, writes the report, and answers bad input
// with one line naming the problem and a non-zero exit (never a stack trace).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kgroup } from './support.js';

describe('kgroup simulate', () => {
  it('prints a row per protocol with the figures', () => {
    const r = kgroup(['simulate', '--scenario', 'scale-out', '--members', '4', '--partitions', '16']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/rebalances\s+partitions revoked\s+partitions moved\s+time to Stable/);
    expect(r.stdout).toMatch(/^eager \/ range\s+1\s+16\s/m);
    expect(r.stdout).toMatch(/^cooperative \/ cooperative-sticky\s+2\s/m);
  });

  it('runs the KIP-848 pair with --protocol consumer, and every protocol with --protocol all', () => {
    const one = kgroup(['simulate', '--scenario', 'scale-out', '--protocol', 'consumer', '--members', '4', '--partitions', '16', '--json']);
    expect(one.stderr).toBe('');
    expect(one.status).toBe(0);
    const runs = JSON.parse(one.stdout) as { protocol: string; assignor: string; failure: unknown; metrics: { rebalances: number } }[];
    expect(runs).toEqual([expect.objectContaining({ protocol: 'consumer', assignor: 'uniform', failure: null })]);
    expect(runs[0]?.metrics.rebalances).toBeGreaterThan(0);
    const all = kgroup(['simulate', '--scenario', 'crash', '--protocol', 'all', '--members', '4', '--partitions', '16']);
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/^consumer \(KIP-848\) \/ uniform\s+\d+/m);
    expect(all.stdout).toMatch(/^eager \/ range\s+\d+/m);
  });

  it('compares the rolling deploy under every protocol, KIP-848 uniform included, with and without static membership', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kgroup-cli-'));
    const r = kgroup(['compare', '--report', join(dir, 'c.html')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^consumer \(KIP-848\) \/ uniform\s+\d+\s+\d+\s+\d+.*ok$/m);
    // Static KIP-848 members leave with epoch -2: the coordinator keeps their partitions, nothing moves.
    expect(r.stdout).toMatch(/^consumer \(KIP-848\) \/ uniform, static\s+0\s+\d+\s+0\s.*ok$/m);
    expect(r.stdout.match(/ ok$/gm)).toHaveLength(8);
  });

  it('prints JSON with --json and writes the report with --report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kgroup-cli-'));
    const report = join(dir, 'r.html');
    const r = kgroup(['simulate', '--scenario', 'crash', '--protocol', 'cooperative', '--seed', '9', '--json', '--report', report]);
    expect(r.status).toBe(0);
    const runs = JSON.parse(r.stdout) as { protocol: string; seed: number; metrics: { rebalances: number }; failure: unknown }[];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ protocol: 'cooperative', seed: 9, failure: null });
    expect(runs[0]?.metrics.rebalances).toBeGreaterThan(0);
    expect(readFileSync(report, 'utf8')).toContain('<svg');
  });

  it('runs a scenario file, with the same output for the same seed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kgroup-cli-'));
    const file = join(dir, 's.txt');
    writeFileSync(file, 'protocol eager\ntopic t partitions=6\nmembers 2\nduration 90s\nat 30s crash c2\n');
    const a = kgroup(['simulate', '--scenario-file', file, '--seed', '3', '--json']);
    const b = kgroup(['simulate', '--scenario-file', file, '--seed', '3', '--json']);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it.each([
    [['simulate', '--bogus'], /^kgroup: simulate: unknown flag --bogus/],
    [['simulate', '--scenario', 'meteor-strike'], /^kgroup: unknown scenario 'meteor-strike' \(choose one of: rolling-deploy,/],
    [['simulate', '--members', '0'], /^kgroup: --members 0 must be from 1 to 20000/],
    [['simulate', '--members', '50000000'], /^kgroup: --members 50000000 must be from 1 to 20000/],
    [['simulate', '--rate', '-5'], /^kgroup: --rate -5 must be from 0/],
    [['simulate', '--protocol', 'lazy'], /^kgroup: --protocol lazy is not one of/],
    [['simulate', '--protocol', 'eager', '--assignor', 'cooperative-sticky'], /^kgroup: assignor 'cooperative-sticky' does not run the eager protocol/],
    [['simulate', '--seed', 'x'], /^kgroup: seed "x" is not an integer/],
    [['simulate', '--scenario-file', 'no/such/file.txt'], /^kgroup: cannot read scenario file no\/such\/file.txt/],
    [['frobnicate'], /^kgroup: unknown command 'frobnicate'/],
  ])('%j fails with one line', (args, message) => {
    const r = kgroup(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names the line of a malformed scenario file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kgroup-cli-'));
    const file = join(dir, 'bad.txt');
    writeFileSync(file, 'protocol eager\nmembers 3\nat 10s teleport c1\n');
    const r = kgroup(['simulate', '--scenario-file', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`kgroup: ${file}: line 3: unknown action 'teleport' (add, remove, stop, start, crash, pause, partition, heal, failover, rolling-deploy)\n`);
  });

  it('lists the presets and prints help', () => {
    expect(kgroup(['scenarios']).stdout).toMatch(/^static-member-restart\s+a static member restarts/m);
    expect(kgroup(['help']).stdout).toContain('kgroup simulate');
  });
});

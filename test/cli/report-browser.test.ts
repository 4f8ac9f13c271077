// The HTML report in a real headless browser (Chromium driven by playwright-core): the page
// is not blank, every chart renders with visible size and drawn lines, the ownership
// timelines have a row per member, and the page loads nothing from the network.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { renderReport } from '../../src/cli/report/html.js';
import { runAll } from '../../src/cli/runs.js';
import { presetScenario } from '../../src/testing/index.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let context: BrowserContext;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kgroup-report-'));
  const runs = runAll([presetScenario('scale-out', { protocol: 'eager', members: 4, partitions: 16 }), presetScenario('scale-out', { protocol: 'cooperative', members: 4, partitions: 16 })], 1);
  const file = join(dir, 'report.html');
  writeFileSync(file, renderReport('kgroup: scale-out', runs));
  context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await page.goto(`file://${file}`);
}, 120_000);

afterAll(async () => {
  await context?.close();
});

describe('the report in a browser', () => {
  it('is not blank: a title, the summary table with a row per run', async () => {
    expect(await page.title()).toBe('kgroup: scale-out');
    const text = await page.locator('body').innerText();
    expect(text.length).toBeGreaterThan(500);
    expect(await page.locator('table.summary tr').count()).toBe(3);
    expect(await page.locator('table.summary').innerText()).toContain('cooperative / cooperative-sticky');
  });

  it('renders the line charts with a drawn line per run', async () => {
    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      const box = await charts.nth(i).boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(150);
      const lines = charts.nth(i).locator('polyline.series');
      expect(await lines.count()).toBe(2);
      const length = await lines.first().evaluate((el) => (el as unknown as { getTotalLength(): number }).getTotalLength());
      expect(length).toBeGreaterThan(100);
    }
  });

  it('renders an ownership timeline per run with a row per member and revocation marks', async () => {
    const timelines = page.locator('svg.timeline');
    expect(await timelines.count()).toBe(2);
    const box = await timelines.first().boundingBox();
    expect(box?.height).toBeGreaterThan(80);
    expect(await timelines.first().locator('rect').count()).toBeGreaterThan(6);
    expect(await timelines.first().locator('path.revoke').count()).toBeGreaterThan(0);
    const painted = await page.screenshot();
    expect(painted.length).toBeGreaterThan(20_000);
  });

  it('loads nothing from the network', () => {
    expect(requests).toEqual([]);
  });
});

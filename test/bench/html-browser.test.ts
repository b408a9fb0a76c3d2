/**
 * The bench HTML report in a real browser (Debian's chromium through playwright-core), opened from file:// with
 * every network request refused: nothing is fetched, nothing runs, the chart's bars follow the figures.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';
import { formatBenchHtml } from '../../src/bench/html.js';
import { HOSTILE, fixtureReport } from './report-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

let dir: string;
let browser: BrowserContext;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `the browser tests need Debian's chromium at ${CHROMIUM}`);
  dir = mkdtempSync(join(tmpdir(), 'whittle-bench-html-'));
  writeFileSync(join(dir, 'bench.html'), formatBenchHtml(fixtureReport()));
  browser = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1200, height: 900 } });
});

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bench --format html in chromium', () => {
  it('opens offline: no request, no console error, no dialog, hostile text stays text', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    const dialogs: string[] = [];
    await page.route('**', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(join(dir, 'bench.html')).href);
    await page.waitForTimeout(200);
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(dialogs, []);
    assert.equal(await page.locator('script').count(), 0);
    assert.equal(await page.locator('img').count(), 0);
    assert.ok((await page.locator('main').textContent())?.includes(HOSTILE));
    await page.close();
  });

  it('renders the bars with widths in proportion to the figures, and the table', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'bench.html')).href);
    const report = fixtureReport();
    for (const [metric, before, after] of [
      ['size', report.images[0]!.sizeBytes, report.images[1]!.sizeBytes],
      ['pull', report.images[0]!.pull!.median, report.images[1]!.pull!.median],
    ] as const) {
      const boxes = await Promise.all(['before', 'after'].map((l) => page.locator(`g.metric[data-metric="${metric}"] rect.bar[data-image="${l}"]`).boundingBox()));
      assert.ok(boxes[0] && boxes[1], metric);
      assert.ok(Math.abs(boxes[1]!.width / boxes[0]!.width - after / before) < 0.01, `${metric}: ${boxes[1]!.width}/${boxes[0]!.width} vs ${after / before}`);
    }
    assert.equal(await page.locator('#bench-table tbody tr').count(), 11);
    assert.equal((await page.locator('#bench-table tr[data-metric="size"] td').last().textContent())?.trim(), '-84.5 % (0.15x)');
    await page.close();
  });
});

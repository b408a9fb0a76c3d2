/**
 * The HTML report in a real browser: made by the real CLI from a small OCI layout, opened from file:// in
 * Debian's chromium with every network request refused.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { ociLayout } from '../../analyze/image-fixture.js';
import { cliPath } from '../../helpers/paths.js';

const CHROMIUM = '/usr/bin/chromium';
const HOSTILE = '</script><img src=x onerror=alert(1)>';
const HOSTILE_NAME = '<img src=x onerror=alert(2)>.js';
const HOSTILE_COMMAND = '/bin/sh -c echo "</script><script>alert(3)</script>" > /dev/null';

/** Where the page and its screenshot are kept for people to look at (printed by the test; CI may set the folder). */
const SCREENSHOT_DIR = process.env.WHITTLE_SCREENSHOT_DIR
  ? (mkdirSync(process.env.WHITTLE_SCREENSHOT_DIR, { recursive: true }), process.env.WHITTLE_SCREENSHOT_DIR)
  : mkdtempSync(join(tmpdir(), 'whittle-html-shot-'));

const blob = (kb: number, fill: number): Buffer => Buffer.alloc(kb * 1000, fill);

async function fixtureImage(): Promise<string> {
  return ociLayout({
    layers: [
      [
        { path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n' },
        {
          path: 'var/lib/dpkg/status',
          content:
            'Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nArchitecture: amd64\nInstalled-Size: 12000\n\n' +
            'Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2\nArchitecture: amd64\nInstalled-Size: 7000\n\n' +
            'Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13\nArchitecture: amd64\nInstalled-Size: 160\n',
        },
        { path: 'bin/bash', content: blob(120, 1), mode: 0o755 },
        { path: 'bin/sh', type: 'symlink', linkname: 'bash' },
        { path: 'usr/lib/x86_64-linux-gnu/libc.so.6', content: blob(200, 2) },
        { path: 'usr/lib/x86_64-linux-gnu/libz.so.1', content: blob(30, 3) },
        { path: 'usr/share/doc/bash/README', content: blob(12, 4) },
        { path: 'var/lib/apt/lists/deb.debian.org_Packages', content: blob(90, 5) },
      ],
      [
        { path: 'usr/lib/python3/dist-packages/big.so', content: blob(160, 6) },
        { path: 'usr/lib/python3/dist-packages/small.py', content: blob(8, 7) },
        { path: 'usr/bin/python3', content: blob(60, 8), mode: 0o755 },
      ],
      [
        { path: 'app/server', content: blob(240, 9), mode: 0o755 },
        { path: `app/static/${HOSTILE_NAME}`, content: blob(20, 10) },
        { path: 'app/static/index.html', content: blob(6, 11) },
        { path: `tmp/${HOSTILE}`, content: blob(40, 12) },
        { path: 'tmp/build.tar', content: blob(70, 13) },
      ],
      [{ path: 'tmp/.wh.build.tar' }, { path: `tmp/</.wh.${HOSTILE.slice(2)}` }, { path: 'var/lib/apt/lists/.wh.deb.debian.org_Packages' }],
    ],
    config: {
      config: { User: 'root', Entrypoint: ['/app/server'] },
      history: [
        { created: '2024-01-01T00:00:00Z', created_by: '/bin/sh -c #(nop) ADD file:3f1c0a in / ' },
        { created: '2024-06-01T00:00:00Z', created_by: '/bin/sh -c apt-get update && apt-get install -y --no-install-recommends python3 python3-pip ca-certificates curl' },
        { created: '2024-06-01T00:00:00Z', created_by: '/bin/sh -c #(nop) COPY dir:9a2b in /app ' },
        { created: '2024-06-01T00:00:00Z', created_by: HOSTILE_COMMAND },
      ],
    },
  });
}

interface Opened {
  page: Page;
  requests: string[];
  errors: string[];
  dialogs: string[];
}

let browser: BrowserContext;
let htmlFile: string;
let imageDir: string;
const profiles: string[] = [];

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

/** Chromium with a fresh profile (playwright takes the profile folder as launchPersistentContext's argument). */
async function launch(javaScriptEnabled = true): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'whittle-chromium-'));
  profiles.push(profile);
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1280, height: 900 }, javaScriptEnabled });
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `the browser tests need Debian's chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  imageDir = await fixtureImage();
  htmlFile = join(SCREENSHOT_DIR, 'report.html');
  const r = spawnSync(process.execPath, [cliPath, 'inspect', `oci:${imageDir}`, '--format', 'html', '--output', htmlFile], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
});

async function open(): Promise<Opened> {
  const page = await browser.newPage();
  const opened: Opened = { page, requests: [], errors: [], dialogs: [] };
  await page.route('**', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    opened.requests.push(url);
    return route.abort();
  });
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('file:') && !url.startsWith('data:')) opened.requests.push(url);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') opened.errors.push(msg.text());
  });
  page.on('pageerror', (err) => opened.errors.push(String(err)));
  page.on('dialog', (d) => {
    opened.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(htmlFile).href);
  await page.waitForSelector('html[data-ready="1"]', { timeout: 5000 });
  return opened;
}

async function widthOf(page: Page, layer: number): Promise<number> {
  return Number(await page.locator(`#layer-chart .row[data-layer="${layer}"] rect.bar`).getAttribute('width'));
}

describe('inspect --format html in chromium', () => {
  it('opens offline with no request, no console error and no script from the data', async () => {
    const { page, requests, errors, dialogs } = await open();
    await page.waitForTimeout(200);
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(dialogs, []);
    // The hostile names are text on the page, never elements.
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('script').count(), 2);
    const wasteText = await page.locator('#waste-table').textContent();
    assert.ok(wasteText?.includes(`/tmp/${HOSTILE}`), wasteText ?? '');
    await page.close();
  });

  it('draws one bar per layer, widths in proportion to the layer sizes', async () => {
    const { page } = await open();
    const report = JSON.parse(await page.locator('#whittle-data').textContent() ?? '{}') as { layers: Array<{ sizeBytes: number }> };
    assert.equal(report.layers.length, 4);
    assert.equal(await page.locator('#layer-chart rect.bar').count(), 4);
    const [big, small] = [0, 1].map((i) => report.layers[i]!.sizeBytes);
    const ratio = (await widthOf(page, 0)) / (await widthOf(page, 1));
    assert.ok(Math.abs(ratio - big! / small!) < 0.01, `bar ratio ${ratio} vs size ratio ${big! / small!}`);
    // Rendered widths follow the attributes.
    const box0 = await page.locator('#layer-chart .row[data-layer="0"] rect.bar').boundingBox();
    const box2 = await page.locator('#layer-chart .row[data-layer="2"] rect.bar').boundingBox();
    assert.ok(Math.abs(box0!.width / box2!.width - report.layers[0]!.sizeBytes / report.layers[2]!.sizeBytes) < 0.02);
    // The full command is the title; the label is the shortened one.
    const title = await page.locator('#layer-chart .row[data-layer="3"] > title').textContent();
    assert.ok(title?.includes(HOSTILE_COMMAND.replace(/\s+/g, ' ')), title ?? '');
    await page.close();
  });

  it('clicking a layer lists its added and removed files', async () => {
    const { page, dialogs } = await open();
    await page.locator('#layer-chart .row[data-layer="2"]').click();
    const added = await page.locator('#layer-files table.changes-added').textContent();
    assert.ok(added?.includes('/app/server'), added ?? '');
    assert.ok(added?.includes(`/tmp/${HOSTILE}`), added ?? '');
    await page.locator('#layer-chart .row[data-layer="3"]').click();
    assert.equal(await page.locator('#layer-files .layer-detail').getAttribute('data-layer'), '3');
    const removed = await page.locator('#layer-files table.changes-removed').textContent();
    assert.ok(removed?.includes('/tmp/build.tar'), removed ?? '');
    assert.ok(removed?.includes(`/tmp/${HOSTILE}`), removed ?? '');
    assert.ok(removed?.includes('70.0 kB'), removed ?? '');
    assert.equal(await page.locator('#layer-files pre').textContent(), HOSTILE_COMMAND.replace(/\s+/g, ' '));
    assert.equal(await page.locator('img').count(), 0);
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  it('zooms into a treemap folder and back through the breadcrumb', async () => {
    const { page, dialogs, errors } = await open();
    const top = page.locator('#treemap svg > g.cell');
    const names = await top.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-name')));
    assert.ok(names.includes('usr') && names.includes('app'), names.join(','));
    await page.locator('#treemap svg > g.dir[data-name="app"]').click();
    assert.equal(await page.locator('#crumbs button[aria-current]').textContent(), 'app');
    const inApp = await page.locator('#treemap svg > g.cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-name')));
    assert.deepEqual(inApp, ['server', 'static']);
    await page.locator('#treemap svg > g.dir[data-name="static"]').click();
    const inStatic = await page.locator('#treemap svg > g.cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-name')));
    assert.deepEqual(inStatic, [HOSTILE_NAME, 'index.html']);
    assert.equal(await page.locator('#crumbs button').count(), 3);
    await page.locator('#crumbs button[data-depth="0"]').click();
    assert.equal(await page.locator('#crumbs button').count(), 1);
    const back = await page.locator('#treemap svg > g.cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-name')));
    assert.deepEqual(back, names);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('sorts the package table by a column', async () => {
    const { page } = await open();
    const names = () => page.locator('#package-table tbody td:first-child').allTextContents();
    await page.locator('#package-table th', { hasText: 'Installed size' }).click();
    assert.deepEqual(await names(), ['libc6', 'bash', 'zlib1g']);
    await page.locator('#package-table th', { hasText: 'Installed size' }).click();
    assert.deepEqual(await names(), ['zlib1g', 'bash', 'libc6']);
    await page.locator('#package-table th', { hasText: 'Name' }).click();
    assert.deepEqual(await names(), ['bash', 'libc6', 'zlib1g']);
    await page.close();
  });

  it('renders a non-trivial picture (screenshot kept for review)', async () => {
    const { page } = await open();
    await page.locator('#layer-chart .row[data-layer="2"]').click();
    const shot = join(SCREENSHOT_DIR, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    const chartShot = await page.locator('#files-section').screenshot();
    const png = PNG.sync.read(chartShot);
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) colours.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
    assert.ok(colours.size > 50, `only ${colours.size} colours in the treemap`);
    assert.ok(readFileSync(shot).length > 20_000);
    writeFileSync(join(SCREENSHOT_DIR, 'README.txt'), `screenshot of ${htmlFile}\n`);
    console.log(`# screenshot: ${shot}`);
    await page.close();
  });

  it('writes the same page to stdout without --output', () => {
    const r = spawnSync(process.execPath, [cliPath, 'inspect', `oci:${imageDir}`, '-f', 'html'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, readFileSync(htmlFile, 'utf8'));
    assert.match(r.stdout, /^<!doctype html>/);
  });

  it('shows the header and tables without JavaScript', async () => {
    const context = await launch(false);
    const page = await context.newPage();
    await page.route('**', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(pathToFileURL(htmlFile).href);
    assert.match((await page.locator('.stats').textContent()) ?? '', /Efficiency/);
    assert.equal(await page.locator('#package-table tbody tr').count(), 3);
    assert.ok(((await page.locator('#waste-table').textContent()) ?? '').includes('/tmp/build.tar'));
    await context.close();
  });
});

/** The HTML report without a browser: escaping, the bounded detail data, server-rendered sections, page size. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileTreeNode, InspectReport } from '../../../src/report/inspect/model.js';
import type { PageTreeNode } from '../../../src/report/inspect/html/data.js';
import { embedJson, escapeHtml } from '../../../src/report/inspect/html/escape.js';
import { formatInspectHtml, htmlDetail } from '../../../src/report/inspect/html/index.js';
import { rankFindings } from '../../../src/report/inspect/html/sections.js';
import { analyzeLayers } from '../../analyze/image-fixture.js';
import type { TestEntry } from '../../helpers/image-writer.js';

const HOSTILE = '</script><img src=x onerror=alert(1)>';

function embedded(html: string): unknown {
  const m = /<script type="application\/json" id="whittle-data">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'embedded data block');
  return JSON.parse(m[1]!);
}

function count(node: FileTreeNode, pred: (n: FileTreeNode) => boolean): number {
  return (pred(node) ? 1 : 0) + (node.children ?? []).reduce((s, c) => s + count(c, pred), 0);
}

function find(node: FileTreeNode, names: string[]): FileTreeNode | undefined {
  let n: FileTreeNode | undefined = node;
  for (const name of names) n = n?.children?.find((c) => c.name === name);
  return n;
}

describe('embedJson', () => {
  it('leaves no character that could end the script block, and parses back to the same value', () => {
    const value = { a: HOSTILE, b: '<!-- x -->', c: 'a\u2028b\u2029c & d', d: ['>'] };
    const text = embedJson(value);
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(text), value);
  });

  it('escapeHtml escapes markup and quotes', () => {
    assert.equal(escapeHtml(`"${HOSTILE}'&`), '&quot;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&amp;');
  });
});

describe('htmlDetail', () => {
  it('lists each layer\'s added, modified and removed paths with their bytes', async () => {
    const report = await analyzeLayers(
      [
        [
          { path: 'etc/conf', content: 'a'.repeat(10) },
          { path: 'opt/big', content: Buffer.alloc(5000, 1) },
          { path: 'opt/sub/x', content: Buffer.alloc(300, 1) },
          { path: 'var/cache/c', content: Buffer.alloc(700, 1) },
          { path: 'etc/hosts', content: '' },
          { path: 'gone', content: '' },
        ],
        [
          { path: 'etc/conf', content: 'b'.repeat(20) },
          { path: '.wh.opt' },
          { path: 'var/cache/.wh..wh..opq' },
          { path: 'new', content: 'n' },
          { path: 'etc/hosts', content: '' },
          { path: '.wh.gone' },
        ],
        [{ path: 'gone', content: 'back' }],
      ],
      { detail: (ctx) => htmlDetail(ctx) },
    );
    const files = report.detail!.layerFiles;
    assert.deepEqual(files[0]!.removed, []);
    assert.deepEqual(files[0]!.added.map((f) => f.path), ['/opt/big', '/var/cache/c', '/opt/sub/x', '/etc/conf', '/etc/hosts', '/gone']);
    assert.deepEqual(files[1]!.modified, [
      { path: '/etc/conf', sizeBytes: 20 },
      { path: '/etc/hosts', sizeBytes: 0 },
    ]);
    assert.deepEqual(files[1]!.added, [{ path: '/new', sizeBytes: 1 }]);
    assert.deepEqual(files[1]!.removed, [
      { path: '/opt', sizeBytes: 5300 },
      { path: '/var/cache/*', sizeBytes: 700 },
      { path: '/gone', sizeBytes: 0 },
    ]);
    assert.deepEqual(files[1]!.totals, { added: 1, modified: 2, removed: 3 });
    // Deleted, then written again: added.
    assert.deepEqual(files[2]!.added, [{ path: '/gone', sizeBytes: 4 }]);
  });

  it('bounds the tree to the largest nodes and folds the rest, keeping every byte', async () => {
    const entries: TestEntry[] = [];
    for (let d = 0; d < 20; d++) for (let f = 0; f < 30; f++) entries.push({ path: `data/d${d}/f${f}`, content: Buffer.alloc(100 + d * 30 + f, 1) });
    entries.push({ path: 'huge', content: Buffer.alloc(50_000, 2) });
    const report = await analyzeLayers([entries], { detail: (ctx) => htmlDetail(ctx, { maxTreeNodes: 50, maxLayerFiles: 10 }) });
    const tree = report.detail!.tree;
    assert.equal(count(tree, (n) => !n.rest) - 1, 50);
    assert.equal(tree.sizeBytes, report.image.visibleFileBytes);
    assert.equal(tree.files, 601);
    // Sizes add up below every directory, folded nodes included.
    const check = (n: FileTreeNode): void => {
      if (!n.children) return;
      assert.equal(n.children.reduce((s, c) => s + c.sizeBytes, 0), n.sizeBytes, n.name);
      assert.equal(n.children.reduce((s, c) => s + c.files, 0), n.files, n.name);
      n.children.forEach(check);
    };
    check(tree);
    assert.equal(tree.children![0]!.name, 'data');
    assert.equal(find(tree, ['huge'])!.layer, 0);
    // The largest folder keeps its largest files; the smallest is folded whole.
    assert.ok(find(tree, ['data', 'd19', 'f29']));
    assert.ok(!find(tree, ['data', 'd19', 'f0']));
    assert.deepEqual(find(tree, ['data', 'd0'])!.children!.map((c) => [c.name, c.rest, c.files]), [['30 smaller files', true, 30]]);
    assert.equal(report.detail!.layerFiles[0]!.added.length, 10);
    assert.equal(report.detail!.layerFiles[0]!.totals.added, 601);
    assert.equal(report.detail!.layerFiles[0]!.added[0]!.path, '/huge');
  });
});

async function pageOf(layers: TestEntry[][], createdBy?: string[]): Promise<{ html: string; report: InspectReport }> {
  const report = await analyzeLayers(layers, { detail: (ctx) => htmlDetail(ctx), ...(createdBy ? { createdBy } : {}) });
  return { html: formatInspectHtml(report), report };
}

describe('formatInspectHtml', () => {
  it('a hostile file name and command never appear as markup', async () => {
    const { html } = await pageOf(
      [[{ path: `tmp/${HOSTILE}`, content: Buffer.alloc(2000, 1) }, { path: 'a<b>&c', content: 'x' }], [{ path: `tmp/</.wh.${HOSTILE.slice(2)}` }]],
      [`/bin/sh -c echo "${HOSTILE}"`, 'RUN rm'],
    );
    assert.equal(html.split('<script').length - 1, 2);
    assert.equal(html.split('</script>').length - 1, 2);
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes(escapeHtml(`/tmp/${HOSTILE}`)));
    const data = embedded(html) as { layerFiles: Array<{ removed: Array<{ path: string }> }>; layers: Array<{ createdBy: string }> };
    assert.equal(data.layerFiles[1]!.removed[0]!.path, `/tmp/${HOSTILE}`);
    assert.equal(data.layers[0]!.createdBy, `/bin/sh -c echo "${HOSTILE}"`);
  });

  it('renders the header figures and the tables on the server', async () => {
    const { html, report } = await pageOf([
      [
        { path: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.20.3\n' },
        { path: 'lib/apk/db/installed', content: 'P:musl\nV:1.2.5-r0\nA:x86_64\nI:622592\nL:MIT\n\nP:busybox\nV:1.36.1-r29\nA:x86_64\nI:950272\n' },
        { path: 'bin/busybox', content: 'elf', mode: 0o755 },
        { path: 'bin/sh', type: 'symlink', linkname: 'busybox' },
        { path: 'var/cache/apk/APKINDEX.tar.gz', content: Buffer.alloc(40_000, 1) },
      ],
      [{ path: 'var/cache/apk/.wh.APKINDEX.tar.gz' }],
    ]);
    for (const label of ['Uncompressed', 'Compressed', 'Layers', 'Efficiency', 'Wasted', 'Pull cost']) assert.ok(html.includes(`<dt>${label}</dt>`), label);
    assert.ok(html.includes(report.image.digest));
    assert.ok(html.includes('linux/amd64'));
    assert.match(html, /<td class="num" data-v="40000">40\.0 kB<\/td><td>layer 0<\/td><td>layer 1 \(deleted\)<\/td><td><code>\/var\/cache\/apk\/APKINDEX\.tar\.gz<\/code>/);
    assert.match(html, /<table id="package-table" class="sortable">/);
    assert.match(html, /<td class="num" data-v="950272">950 kB<\/td>/);
    assert.ok(html.includes('Content-Security-Policy'));
    assert.doesNotMatch(html, /(src|href)=["']?https?:/);
  });

  it('puts the findings that cost the most bytes first', () => {
    const base = { practice: 'p', fix: 'f', message: 'm' };
    const ranked = rankFindings([
      { ...base, rule: 'a', severity: 'warning' },
      { ...base, rule: 'b', severity: 'info', bytes: 10 },
      { ...base, rule: 'c', severity: 'error' },
      { ...base, rule: 'd', severity: 'info', bytes: 500 },
    ]);
    assert.deepEqual(ranked.map((f) => f.rule), ['d', 'b', 'c', 'a']);
  });

  it('shows the five costliest findings and folds the rest', async () => {
    const report = await analyzeLayers([[{ path: 'a', content: 'a' }]]);
    report.findings = Array.from({ length: 8 }, (_, i) => ({ rule: `r${i}`, severity: 'info' as const, message: `finding ${i}`, bytes: i * 1000, practice: 'p', fix: 'f' }));
    const html = formatInspectHtml(report);
    const open = html.slice(0, html.indexOf('<details class="more-findings">'));
    assert.deepEqual([...open.matchAll(/finding (\d)</g)].map((m) => m[1]), ['7', '6', '5', '4', '3']);
    assert.match(html, /<summary>3 more findings<\/summary><ol class="findings" start="6">/);
  });

  it('stays small for an image with many files', async () => {
    const entries: TestEntry[] = [];
    for (let i = 0; i < 30_000; i++) entries.push({ path: `usr/share/d${i % 300}/file-with-a-longish-name-${i}.txt`, content: Buffer.alloc(1 + (i % 97), 1) });
    const { html, report } = await pageOf([entries]);
    assert.equal(report.image.fileCount, 30_000);
    const data = embedded(html) as { tree: PageTreeNode };
    const nodes = (n: PageTreeNode): number => 1 + (n.c ?? []).reduce((s, c) => s + nodes(c), 0);
    assert.ok(nodes(data.tree) <= 1 + 5000 + 302, String(nodes(data.tree)));
    assert.equal(data.tree.s, report.image.visibleFileBytes);
    assert.ok(html.length < 600_000, `${html.length} bytes`);
  });
});

/** The text, JSON and HTML renderings of a bench report (made by hand: no build needed). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { chartSvg, formatBenchHtml } from '../../src/bench/html.js';
import { formatBenchJson } from '../../src/bench/json.js';
import { benchRows } from '../../src/bench/rows.js';
import { formatChange, formatCountChange, ratio, stats } from '../../src/bench/stats.js';
import { sharedPrefix } from '../../src/bench/run.js';
import { formatBenchText } from '../../src/bench/text.js';
import { repoRoot } from '../helpers/paths.js';
import { HOSTILE, fixtureReport } from './report-fixture.js';

describe('stats', () => {
  it('median of odd and even counts, min and max, runs kept in order', () => {
    assert.deepEqual(stats([3, 1, 2]), { median: 2, min: 1, max: 3, runs: [3, 1, 2] });
    assert.equal(stats([4, 1, 3, 2]).median, 2.5);
    assert.throws(() => stats([]));
  });

  it('change as percent and ratio, the way the seeds compare sizes', () => {
    assert.equal(formatChange(1_000, 155), '-84.5 % (0.15x)');
    assert.equal(formatChange(700, 12), '-98.3 % (0.017x)');
    assert.equal(formatChange(2, 3), '+50.0 % (1.50x)');
    assert.equal(formatChange(5, 5), '=');
    assert.equal(ratio(0, 3), null);
    assert.equal(formatChange(5233, 5235), '+0.04 % (1.00x)');
  });

  it('counts change by their difference', () => {
    assert.equal(formatCountChange(9, 5), '-4 (-44.4 %)');
    assert.equal(formatCountChange(0, 2), '+2');
    assert.equal(formatCountChange(3, 3), '=');
  });

  it('reused layers: the leading layers some cold build had at the same position', () => {
    const cold = [['base', 'run-a', 'copy-a'], ['base', 'run-b', 'copy-b']];
    assert.equal(sharedPrefix(cold, ['base', 'run-a', 'copy-new']), 2, 'a cache hit on the first cold build counts');
    assert.equal(sharedPrefix(cold, ['base', 'run-b', 'copy-b']), 3);
    assert.equal(sharedPrefix(cold, ['other', 'run-a']), 0);
  });
});

describe('text', () => {
  it('one row per figure, before / after / change columns, smoke row', () => {
    const text = formatBenchText(fixtureReport());
    const lines = text.split('\n');
    const header = lines.find((l) => /^\s+before\s+after\s+change$/.test(l));
    assert.ok(header, text);
    assert.match(text, /^image size +1\.0 GB +155 MB +-84\.5 % \(0\.15x\)$/m);
    assert.match(text, /^compressed +400 MB +52\.0 MB +-87\.0 %/m);
    assert.match(text, /^cold build +175\.0 s|^cold build +2\.9 min/m);
    assert.match(text, /^rebuild +60\.0 s \(3\/5 cached\) +4\.5 s \(4\/5 cached\)/m);
    assert.match(text, /^pull +10\.0 s +2\.0 s +-80\.0 %/m);
    assert.match(text, /^packages +420 +90 +-330 \(-78\.6 %\)$/m);
    assert.match(text, /^layers +9 +5 +-4 \(-44\.4 %\)$/m);
    assert.match(text, /^smoke test +passed +passed$/m);
    assert.doesNotMatch(text, /\x1b\[/, 'no colour unless asked');
  });

  it('a failed smoke test shows FAILED and the reason', () => {
    const text = formatBenchText(
      fixtureReport({ after: { failed: true, smoke: [{ kind: 'command', command: ['false'], passed: false, detail: 'exit 1', seconds: 0.1 }] } }),
    );
    assert.match(text, /^smoke test +passed +FAILED$/m);
    assert.match(text, /smoke \["false"\]: FAILED: exit 1/);
    assert.match(text, /a smoke test failed/);
  });

  it('one image: no change column; missing figures say n/a', () => {
    const report = fixtureReport();
    report.images = [{ ...report.images[0]!, label: 'image', push: null, pull: null, rebuild: null }];
    const text = formatBenchText(report);
    assert.match(text, /^push +n\/a$/m);
    assert.match(text, /^rebuild +n\/a$/m);
    assert.doesNotMatch(text, /change/);
  });
});

describe('json', () => {
  it('is the report, valid against the schema; a broken report is not', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    const validate = ajv.compile(JSON.parse(readFileSync(join(repoRoot, 'schema', 'whittle-bench.schema.json'), 'utf8')) as object);
    const parsed = JSON.parse(formatBenchJson(fixtureReport())) as ReturnType<typeof fixtureReport>;
    assert.ok(validate(parsed), JSON.stringify(validate.errors));
    parsed.images[0]!.coldBuild.median = -1;
    assert.equal(validate(parsed), false);
    const extra = { ...fixtureReport(), surprise: true };
    assert.equal(validate(JSON.parse(JSON.stringify(extra))), false);
  });
});

describe('html', () => {
  it('is self-contained: a strict CSP, no script, no external reference, data escaped', () => {
    const html = formatBenchHtml(fixtureReport());
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;[^"]*script-src &#39;none&#39;/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /(src|href)=["']?(https?:)?\/\//i);
    assert.ok(!html.includes(HOSTILE));
    assert.ok(html.includes('&lt;/script&gt;&lt;script&gt;alert(1)'));
  });

  it('draws one bar per image and figure, lengths in proportion within a figure', () => {
    const report = fixtureReport();
    const svg = chartSvg(benchRows(report.images), ['before', 'after']);
    const bars = [...svg.matchAll(/<rect class="bar" data-image="(\w+)" data-value="([\d.]+)" x="\d+" y="\d+" width="([\d.]+)"/g)];
    assert.equal(bars.length, 2 * 10, 'ten figures, all measured, two images');
    const size = bars.slice(0, 2).map((b) => Number(b[3]));
    assert.ok(Math.abs(size[1]! / size[0]! - 0.155) < 0.001, String(size));
  });
});

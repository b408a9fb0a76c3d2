/** Formatters on hand-made reports with hostile text: escaping, code frames, suggestions, summaries. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../src/core/finding.js';
import { codeFrame } from '../../../src/report/lint/code-frame.js';
import { escapeData, escapeProperty } from '../../../src/report/lint/github.js';
import { lintFormatters } from '../../../src/report/lint/index.js';
import { suggestionPreview } from '../../../src/report/lint/suggestion-preview.js';
import type { LintReport } from '../../../src/report/lint/types.js';
import { xmlEscape } from '../../../src/report/lint/xml.js';

const text = 'FROM alpine\nRUN\tapk add curl && \\\n    rm -rf /tmp/*\nCMD echo "<b>&</b>"\n';

function finding(over: Partial<Finding>): Finding {
  return { file: 'a,b:c.Dockerfile', line: 4, column: 5, endLine: 4, endColumn: 21, rule: 'exec-form-cmd', aliases: ['DL3025'], severity: 'warning', message: 'Use <exec> & "json"\nform 100%', fixable: false, ...over };
}

function report(findings: Finding[], over: Partial<LintReport> = {}): LintReport {
  return { files: [{ file: 'a,b:c.Dockerfile', text, findings }], errors: [], rules: [], failureThreshold: 'info', noFail: false, toolVersion: '0.0.0', ...over };
}

describe('escaping', () => {
  it('github: data escapes %, CR, LF; properties also : and ,', () => {
    assert.equal(escapeData('100%\r\nnext'), '100%25%0D%0Anext');
    assert.equal(escapeProperty('a,b:c'), 'a%2Cb%3Ac');
    const out = lintFormatters.github(report([finding({})]), { color: false });
    assert.equal(out, '::warning file=a%2Cb%3Ac.Dockerfile,line=4,col=5,endLine=4,endColumn=21,title=exec-form-cmd::Use <exec> & "json"%0Aform 100%25 (DL3025)\n');
  });

  it('xml: markup characters and characters XML cannot carry', () => {
    assert.equal(xmlEscape(`<a href="x">&'</a>\u0001`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;\uFFFD');
    for (const format of ['junit', 'checkstyle'] as const) {
      const out = lintFormatters[format](report([finding({ message: 'bad \u0000 <x> & "y"' })]), { color: false });
      assert.doesNotMatch(out, /\u0000|<x>|& /, format);
      assert.match(out, /&lt;x&gt; &amp; &quot;y&quot;/, format);
    }
  });
});

describe('code frames', () => {
  it('puts carets under the column range, expanding tabs', () => {
    assert.equal(codeFrame(text, { line: 4, column: 5, endLine: 4, endColumn: 20 }), '    4 | CMD echo "<b>&</b>"\n      |     ^^^^^^^^^^^^^^^');
    assert.equal(codeFrame(text, { line: 2, column: 5, endLine: 2, endColumn: 8 }), '    2 | RUN    apk add curl && \\\n      |        ^^^');
  });

  it('spans the lines of a multi-line range and marks an empty range with one caret', () => {
    const frame = codeFrame(text, { line: 2, column: 1, endLine: 3, endColumn: 18 });
    assert.equal(frame.split('\n').length, 4);
    assert.match(frame, /3 \| {5}rm -rf \/tmp\/\*\n +\| {5}\^{13}$/);
    assert.equal(codeFrame(text, { line: 1, column: 12, endLine: 1, endColumn: 12 }), '    1 | FROM alpine\n      |            ^');
  });
});

describe('suggestions', () => {
  it('shows the affected lines before and after, with the exact replacement', () => {
    const start = text.indexOf('alpine');
    const lines = suggestionPreview(text, { description: 'pin it', edits: [{ start, end: start + 6, replacement: 'alpine:3.20' }] });
    assert.deepEqual(lines, [
      { kind: '-', text: 'FROM alpine' },
      { kind: '+', text: 'FROM alpine:3.20' },
    ]);
    const out = lintFormatters.text(report([finding({ suggestions: [{ description: 'pin it', edits: [{ start, end: start + 6, replacement: 'alpine:3.20' }] }] })]), { color: false });
    assert.match(out, /suggestion: pin it\n {6}- FROM alpine\n {6}\+ FROM alpine:3\.20/);
  });
});

describe('text summary', () => {
  it('counts by severity, says how many are fixable, and marks a non-failing run', () => {
    const r = report([finding({ fixable: true }), finding({ severity: 'info', line: 1, column: 1, endLine: 1, endColumn: 5 })]);
    assert.match(lintFormatters.text(r, { color: false }), /✖ 2 problems \(1 warning, 1 info\) in 1 of 1 file; 1 fixable with `whittle fix`\n$/);
    assert.match(lintFormatters.text({ ...r, noFail: true }, { color: false }), /\n! 2 problems/);
    assert.match(lintFormatters.text(report([]), { color: false }), /^✔ no problems in 1 file\n$/);
  });

  it('colours only when asked', () => {
    const ansi = /\u001b\[/;
    assert.match(lintFormatters.text(report([finding({})]), { color: true }), ansi);
    assert.doesNotMatch(lintFormatters.text(report([finding({})]), { color: false }), ansi);
  });
});

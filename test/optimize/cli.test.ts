/** `whittle optimize` on the command line, in process: diff and explanation, --write, refusals and bad catalogues. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GO_MAIN, GO_NAIVE, makeContext, whittle } from './helpers.js';

const goContext = (extra: Record<string, string> = {}): string =>
  makeContext({ Dockerfile: GO_NAIVE, 'go.mod': 'module example.com/hello\n\ngo 1.19\n', 'main.go': GO_MAIN, ...extra });

describe('whittle optimize', () => {
  it('prints the diff of the Dockerfile and of a new .dockerignore, then the numbered explanation, and writes nothing', async () => {
    const dir = goContext();
    const before = readdirSync(dir).sort();
    const r = await whittle(['optimize', join(dir, 'Dockerfile')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^--- a\/.*Dockerfile\n\+\+\+ b\/.*Dockerfile\n/);
    assert.match(r.stdout, /^-CMD hello$/m);
    assert.match(r.stdout, /^\+ENTRYPOINT \["\/usr\/local\/bin\/hello"\]$/m);
    assert.match(r.stdout, /^--- \/dev\/null\n\+\+\+ b\/.*\.dockerignore$/m);
    assert.match(r.stdout, /^1\. \[size\] Multi-stage build/m);
    assert.match(r.stdout, /^\d+\. \[security\] Runs as 65532:65532 instead of root$/m);
    assert.match(r.stdout, /nothing written: run with --write to apply/);
    assert.deepEqual(readdirSync(dir).sort(), before);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), GO_NAIVE);
  });

  it('--write replaces the Dockerfile atomically (mode kept, no temp file left) and creates the .dockerignore', async () => {
    const dir = goContext();
    const dockerfile = join(dir, 'Dockerfile');
    const { chmodSync } = await import('node:fs');
    chmodSync(dockerfile, 0o640);
    const r = await whittle(['optimize', dockerfile, '--write']);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(dockerfile, 'utf8');
    assert.match(text, /FROM golang:1\.22-bookworm AS builder/);
    assert.equal(statSync(dockerfile).mode & 0o777, 0o640);
    assert.match(readFileSync(join(dir, '.dockerignore'), 'utf8'), /^\.git$/m);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('whittle-')), []);
    assert.match(r.stdout, /written: .*Dockerfile, .*\.dockerignore/);
    // Optimizing the result again refuses (it is multi-stage now) and changes nothing.
    const again = await whittle(['optimize', dockerfile, '--write']);
    assert.equal(again.code, 1);
    assert.equal(readFileSync(dockerfile, 'utf8'), text);
  });

  it('--output writes elsewhere and keeps an existing .dockerignore as it is', async () => {
    const dir = goContext({ '.dockerignore': 'secret.txt\n' });
    const r = await whittle(['optimize', join(dir, 'Dockerfile'), '--write', '--output', join(dir, 'Dockerfile.slim')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), GO_NAIVE);
    assert.match(readFileSync(join(dir, 'Dockerfile.slim'), 'utf8'), /AS builder/);
    assert.equal(readFileSync(join(dir, '.dockerignore'), 'utf8'), 'secret.txt\n');
    assert.doesNotMatch(r.stdout, /\/dev\/null/);
  });

  it('refuses with one line per reason, exit 1, and writes nothing even with --write', async () => {
    const dir = goContext();
    const naive = `${GO_NAIVE.replace('CMD hello', 'CMD hello --port=$PORT')}ONBUILD RUN echo child\n`;
    writeFileSync(join(dir, 'Dockerfile'), naive);
    const r = await whittle(['optimize', join(dir, 'Dockerfile'), '--write']);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    for (const l of lines) assert.match(l, /Dockerfile: cannot optimize safely: /);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), naive);
    assert.equal(existsSync(join(dir, '.dockerignore')), false);
  });

  it('reads the catalogue from .whittle.yaml and reports a bad entry with its position, exit 2', async () => {
    const dir = goContext({ '.whittle.yaml': 'bases:\n  go:\n    builder: { image: registry.corp/debian:bookworm, install: [golang-go] }\n    runtime: scratch\n' });
    const ok = await whittle(['optimize', join(dir, 'Dockerfile'), '--format', 'json']);
    assert.equal(ok.code, 0, ok.stderr);
    const json = JSON.parse(ok.stdout) as { kind: string; builder: string; runtime: string; dockerfile: string; changes: unknown[]; written: string[] };
    assert.equal(json.kind, 'optimized');
    assert.equal(json.builder, 'registry.corp/debian:bookworm');
    assert.equal(json.runtime, 'scratch');
    assert.deepEqual(json.written, []);

    writeFileSync(join(dir, '.whittle.yaml'), 'bases:\n  go:\n    runtime: { image: scratch, shell: nope }\n');
    const bad = await whittle(['optimize', join(dir, 'Dockerfile')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\.whittle\.yaml:3:\d+: bases\.go\.runtime\.shell must be true or false/);
    assert.doesNotMatch(bad.stderr, /^\s+at /m);
  });

  it('a missing Dockerfile is an input error (exit 2), --output without --write a usage error', async () => {
    const dir = goContext();
    const missing = await whittle(['optimize', join(dir, 'Nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Nope: no such file/);
    const output = await whittle(['optimize', join(dir, 'Dockerfile'), '--output', join(dir, 'x')]);
    assert.equal(output.code, 2);
    assert.equal(existsSync(join(dir, 'x')), false);
  });
});

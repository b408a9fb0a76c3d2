import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../../src/lint/engine.js';

const rulesOf = async (text: string, config = {}): Promise<string[]> =>
  (await lintText(text, 'Dockerfile', { config })).map((f) => `${f.line} ${f.rule}`);

describe('lint engine', () => {
  it('reports a shell-form CMD once, as the hadolint twin, and the seed rule speaks when the twin is ignored', async () => {
    const text = 'FROM debian:bookworm-slim\nUSER 1000\nCMD python3 app.py\n';
    const found = await rulesOf(text);
    assert.ok(found.includes('3 exec-form-cmd'), found.join(', '));
    assert.ok(!found.includes('3 shell-form-entrypoint'), found.join(', '));
    const withoutTwin = await rulesOf(text, { ignored: ['DL3025'] });
    assert.ok(withoutTwin.includes('3 shell-form-entrypoint'), withoutTwin.join(', '));
  });

  it('reports an explicit final USER root once, as DL3002', async () => {
    const found = await rulesOf('FROM debian:bookworm-slim\nUSER root\nCMD ["id"]\n');
    assert.ok(found.includes('2 last-user-root'), found.join(', '));
    assert.ok(!found.some((f) => f.endsWith('runs-as-root')), found.join(', '));
  });

  it('honours hadolint and whittle pragmas for the next instruction and the whole file', async () => {
    const base = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nUSER 1000\nCMD ["curl"]\n';
    const plain = await rulesOf(base);
    assert.ok(plain.includes('2 apt-get-pin-versions') && plain.includes('2 apt-no-install-recommends'), plain.join(', '));
    const ignored = await rulesOf(base.replace('RUN', '# hadolint ignore=DL3008\n# whittle ignore=apt-no-install-recommends\nRUN'));
    assert.ok(!ignored.some((f) => f.endsWith('apt-get-pin-versions') || f.endsWith('apt-no-install-recommends')), ignored.join(', '));
    const global = await rulesOf(`# hadolint global ignore=DL3008\n${base}`);
    assert.ok(!global.some((f) => f.endsWith('apt-get-pin-versions')), global.join(', '));
    assert.ok(global.some((f) => f.endsWith('apt-no-install-recommends')), global.join(', '));
  });

  it('applies severity overrides by alias', async () => {
    const findings = await lintText('FROM debian\nUSER 1000\nCMD ["true"]\n', 'Dockerfile', { config: { severityOverrides: { DL3006: 'error' } } });
    assert.equal(findings.find((f) => f.rule === 'from-untagged')?.severity, 'error');
  });
});

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeFileAtomic } from '../../src/cli/atomic-write.js';

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the permission bits and leaves only the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-atomic-'));
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o750);
    await writeFileAtomic(file, 'new\n');
    assert.equal(readFileSync(file, 'utf8'), 'new\n');
    assert.equal(statSync(file).mode & 0o777, 0o750);
    assert.deepEqual(readdirSync(dir), ['Dockerfile']);
  });

  it('creates a missing file with the default mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-atomic-'));
    await writeFileAtomic(join(dir, 'x'), 'data');
    assert.equal(statSync(join(dir, 'x')).mode & 0o777, 0o644);
  });

  it('fails cleanly (original intact, no temp file) when the folder is not writable', async (t) => {
    if (process.getuid?.() === 0) {
      // root ignores folder permissions; a missing folder exercises the same failure path.
      await assert.rejects(writeFileAtomic(join(tmpdir(), 'whittle-no-such-dir', 'f'), 'x'));
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'whittle-atomic-'));
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, 'old\n');
    chmodSync(dir, 0o500);
    t.after(() => chmodSync(dir, 0o700));
    await assert.rejects(writeFileAtomic(file, 'new\n'));
    assert.equal(readFileSync(file, 'utf8'), 'old\n');
    assert.deepEqual(readdirSync(dir), ['Dockerfile']);
  });
});

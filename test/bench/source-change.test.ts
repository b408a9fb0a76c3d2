/** The rebuild's one-line change: which file, which line, and that only a copy is changed. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { chooseChangedFile, commentLine, copyWithChange, pickSourceFile } from '../../src/bench/source-change.js';
import { tempTree } from '../cli/run-cli.js';
import { snapshot } from './helpers.js';

describe('pickSourceFile', () => {
  it('prefers application sources over manifests, lock files and Dockerfiles', () => {
    assert.equal(pickSourceFile(['Dockerfile', 'requirements.txt', 'poetry.lock', 'app/main.py', 'README.md']), 'app/main.py');
    assert.equal(pickSourceFile(['go.mod', 'go.sum', 'cmd/server/main.go', 'main.go']), 'main.go', 'shallowest first');
    assert.equal(pickSourceFile(['package.json', 'package-lock.json', 'src/index.js', 'public/index.html']), 'src/index.js');
  });

  it('skips what .dockerignore leaves out of the context, and hidden files', () => {
    assert.equal(pickSourceFile(['tests/test_app.py', 'app.py', '.env'], (p) => p === 'app.py'), 'tests/test_app.py');
    assert.equal(pickSourceFile(['.hidden.py', 'Dockerfile', 'go.mod']), null);
  });
});

describe('commentLine', () => {
  it('writes a comment in the file language, an empty line where none is safe', () => {
    assert.equal(commentLine('a.py', 'n1'), '# whittle bench rebuild n1\n');
    assert.equal(commentLine('a.go', 'n1'), '// whittle bench rebuild n1\n');
    assert.equal(commentLine('a.css', 'n1'), '/* whittle bench rebuild n1 */\n');
    assert.equal(commentLine('data.json', 'n1'), '\n');
  });
});

describe('copyWithChange and chooseChangedFile', () => {
  it('changes one line in the copy and nothing in the original (links stay links)', async () => {
    const ctx = tempTree({ 'app.py': 'print(1)\n', 'requirements.txt': 'flask\n', 'lib/util.py': 'x = 1\n', 'main.go': 'func main() {}' });
    symlinkSync('app.py', join(ctx, 'link.py'));
    const before = snapshot(ctx);
    const out = mkdtempSync(join(tmpdir(), 'whittle-copy-'));
    try {
      const file = await chooseChangedFile(ctx, null);
      assert.equal(file, 'app.py');
      await copyWithChange(ctx, join(out, 'c'), file, 'n7');
      assert.equal(readFileSync(join(out, 'c', 'app.py'), 'utf8'), 'print(1)\n# whittle bench rebuild n7\n');
      assert.equal(readFileSync(join(out, 'c', 'lib/util.py'), 'utf8'), 'x = 1\n');
      // No final newline: the comment goes on a line of its own.
      await copyWithChange(ctx, join(out, 'd'), 'main.go', 'n8');
      assert.equal(readFileSync(join(out, 'd', 'main.go'), 'utf8'), 'func main() {}\n// whittle bench rebuild n8\n');
      assert.deepEqual(snapshot(ctx), before);
    } finally {
      rmSync(ctx, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('honours .dockerignore and skips binary files', async () => {
    const ctx = tempTree({ 'app.py': 'print(1)\n', 'server.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]), 'worker.py': 'w\n' });
    try {
      assert.equal(await chooseChangedFile(ctx, 'app.py\n'), 'worker.py');
      assert.equal(await chooseChangedFile(ctx, 'app.py\nworker.py\n').catch((e: Error) => e.message), 'no source file in the build context to change for the rebuild measure; name one with --change FILE');
    } finally {
      rmSync(ctx, { recursive: true, force: true });
    }
  });

  it('--change must name a regular file inside the context', async () => {
    const ctx = tempTree({ 'a.py': '1\n' });
    try {
      assert.equal(await chooseChangedFile(ctx, null, 'a.py'), 'a.py');
      await assert.rejects(chooseChangedFile(ctx, null, '../etc/passwd'), (e: unknown) => e instanceof InputError && /inside the build context/.test(e.message));
      await assert.rejects(chooseChangedFile(ctx, null, 'missing.py'), /no such regular file/);
    } finally {
      rmSync(ctx, { recursive: true, force: true });
    }
  });
});

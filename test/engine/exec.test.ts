/** Engine processes: timeouts end the whole process group, a missing program is code 127, Ctrl-C leaves nothing running. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execProgram } from '../../src/engine/exec.js';
import { repoRoot } from '../helpers/paths.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

describe('execProgram', () => {
  it('a timeout kills the grandchildren too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-exec-'));
    try {
      const pidFile = join(dir, 'pid');
      const r = await execProgram('sh', ['-c', `sleep 30 & echo $! > ${pidFile}; wait`], { timeoutMs: 300 });
      assert.equal(r.signal, 'timeout');
      const grandchild = Number(readFileSync(pidFile, 'utf8'));
      assert.ok(await waitGone(grandchild, 4000), `sleep ${grandchild} still running`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing program is code 127, output and exit codes come back', async () => {
    assert.equal((await execProgram('whittle-no-such-program', [])).code, 127);
    const r = await execProgram('sh', ['-c', 'echo out; echo err >&2; exit 4']);
    assert.deepEqual([r.code, r.stdout, r.stderr], [4, 'out\n', 'err\n']);
  });

  it('SIGINT to whittle ends the detached process groups it started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-exec-'));
    try {
      const pidFile = join(dir, 'pid');
      const script = join(dir, 'script.mts');
      writeFileSync(
        script,
        `import { spawnGroup } from ${JSON.stringify(join(repoRoot, 'src/engine/exec.ts'))};\n` +
          `const c = spawnGroup('sh', ['-c', 'sleep 60 & echo $! > ${pidFile}; wait']);\nc.stdout?.resume();\nsetInterval(() => {}, 1000);\n`,
      );
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: 'ignore' });
      const deadline = Date.now() + 15_000;
      let pid = 0;
      while (Date.now() < deadline && !pid) {
        try {
          pid = Number(readFileSync(pidFile, 'utf8'));
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      assert.ok(pid > 0 && alive(pid), 'the detached sleep started');
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      assert.equal(code, 130);
      assert.ok(await waitGone(pid, 4000), `sleep ${pid} survived whittle's SIGINT`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The Python template's library-closure step, run for real on this Debian host (ldd, dpkg): a venv holding a .so
 * that links libcrypto gets libcrypto copied to the staging folder, libc never, and nothing when the runtime
 * base provides the package. The script is the one the template writes, with its paths moved into a temp folder.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { expectOptimized, optimizeContext, readBack } from './helpers.js';

const LIBSSL = '/usr/lib/x86_64-linux-gnu/libssl.so.3';

async function closureScript(provides: string[]): Promise<string> {
  const files = {
    Dockerfile: 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3 python3-pip gcc libssl-dev\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python3", "app.py"]\n',
    'requirements.txt': 'cryptography==42.0.5\n',
    'app.py': 'print(1)\n',
  };
  const catalogue = {
    python: {
      builder: { image: 'debian:bookworm', install: ['python3', 'python3-venv'] },
      // Not Debian's python3 (whose dependencies would count as present): only libc6 and what `provides` names do.
      runtime: { image: 'corp/py:3.11', shell: false, packageManager: 'none', libc: 'glibc', interpreter: '/usr/local/bin/python3', pythonVersion: '3.11', provides },
    },
  };
  const r = expectOptimized((await optimizeContext(files, { python: { ...catalogue.python, builder: { ...catalogue.python.builder, interpreter: '/usr/local/bin/python3' } } })).result);
  const { builder } = await readBack(r.dockerfile);
  const run = builder.instructions.find((i) => i.keyword === 'RUN' && i.text.includes('ldd'));
  assert.ok(run && run.keyword === 'RUN' && run.command.form === 'shell');
  return run.command.script;
}

function runIn(script: string, venv: string, work: string): string[] {
  // Scratch files first: the temp folder itself lives under /tmp.
  const moved = script
    .replaceAll('/tmp/', `${work}/`)
    .replaceAll('/opt/venv', venv)
    .replaceAll('/runtime-libs', join(work, 'out'));
  execFileSync('sh', ['-c', moved], { stdio: 'pipe' });
  // ldd saw the library's dependencies (so an empty result means "provided", not "nothing looked at").
  assert.match(readFileSync(join(work, 'ldd.txt'), 'utf8'), /libcrypto\.so\.3 =>/);
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else out.push(join(dir, e.name).slice(join(work, 'out').length));
    }
  };
  if (existsSync(join(work, 'out'))) walk(join(work, 'out'));
  return out.sort();
}

function fakeVenv(): { venv: string; work: string } {
  const work = mkdtempSync(join(tmpdir(), 'whittle-closure-'));
  const venv = join(work, 'venv');
  mkdirSync(join(venv, 'lib/python3.11/site-packages/ext'), { recursive: true });
  copyFileSync(LIBSSL, join(venv, 'lib/python3.11/site-packages/ext/_native.so'));
  return { venv, work };
}

describe('the venv library closure (ldd + dpkg, on this host)', () => {
  it('copies the libraries of packages the runtime lacks, never libc', async () => {
    const { venv, work } = fakeVenv();
    const copied = runIn(await closureScript([]), venv, work);
    assert.ok(copied.some((p) => p.endsWith('/libcrypto.so.3')), copied.join('\n'));
    assert.ok(!copied.some((p) => /\/libc\.so\.6$|ld-linux/.test(p)), copied.join('\n'));
    // Copied under the canonical /usr/lib path (merged /usr), by soname.
    assert.ok(copied.every((p) => p.startsWith('/usr/')), copied.join('\n'));
  });

  it('copies nothing the runtime provides', async () => {
    const { venv, work } = fakeVenv();
    assert.deepEqual(runIn(await closureScript(['libssl3']), venv, work), []);
  });
});

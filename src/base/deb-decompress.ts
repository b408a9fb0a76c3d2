/**
 * Decompressors for the members of a .deb: gzip and zstd as `whittle inspect` reads layers (node:zlib, the zstd
 * program or fzstd), xz with the `xz` program. Why the program for xz: it is Debian's own decoder (xz-utils is
 * Priority: required, so it is on every machine that has dpkg), streams, runs at native speed, and adds no
 * native addon to build; the npm choices are either native addons (lzma-native) or WebAssembly decoders a few
 * times slower on python3's and Java's large data.tar.xz.
 */
import { spawn } from 'node:child_process';
import { Duplex, PassThrough } from 'node:stream';
import { createDecompressor } from '../analyze/pass/decompress.js';

export type DebCompression = 'gzip' | 'xz' | 'zstd' | 'none';

/** The compression of a member named `data.tar.xz`, `control.tar.zst` ...; null when whittle cannot read it. */
export function memberCompression(name: string): DebCompression | null {
  if (name.endsWith('.tar')) return 'none';
  if (name.endsWith('.tar.gz')) return 'gzip';
  if (name.endsWith('.tar.xz')) return 'xz';
  if (name.endsWith('.tar.zst')) return 'zstd';
  return null;
}

export function debDecompressor(compression: DebCompression): Duplex {
  if (compression === 'xz') return programDecompressor('xz', ['-d', '-c', '-q', '-T1']);
  if (compression === 'none') return new PassThrough();
  return createDecompressor(compression);
}

/** A decoding program as a Duplex whose end waits for the exit status, so a failed decode is an error, not an early end. */
function programDecompressor(program: string, args: string[]): Duplex {
  const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    if (stderr.length < 2000) stderr += s;
  });
  let spawnError: Error | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => resolve(code));
    child.on('error', (err) => {
      spawnError = err;
      resolve(-1);
    });
  });
  const out = new PassThrough();
  const finish = (): void => {
    void exited.then((code) => {
      if (code === 0) out.end();
      else {
        const why = spawnError
          ? `cannot run ${program} (${(spawnError as NodeJS.ErrnoException).code ?? spawnError.message}); install xz-utils`
          : stderr.replace(new RegExp(`^${program}: `, 'gm'), '').replace(/\(stdin\):\s*/g, '').replace(/\s+/g, ' ').trim() || `${program} exited with ${code}`;
        out.destroy(new Error(why));
      }
    });
  };
  child.stdout.pipe(out, { end: false });
  child.stdout.on('end', finish);
  child.on('error', finish);
  // EPIPE when the program stops reading early (corrupt input): the exit status carries the real reason.
  child.stdin.on('error', () => {});
  const duplex = Duplex.from({ writable: child.stdin, readable: out });
  duplex.on('close', () => {
    if (child.exitCode === null) child.kill();
  });
  return duplex;
}

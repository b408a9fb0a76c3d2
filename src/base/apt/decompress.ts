/**
 * Decompression of a Packages index: `.xz` with the `xz` program (xz-utils is Priority: required on Debian,
 * streams at native speed, adds no native addon), `.gz` with node:zlib, plain text as is.
 */
import { spawn, spawnSync } from 'node:child_process';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { InputError } from '../../core/errors.js';

export type IndexCompression = 'xz' | 'gz' | 'none';

let xzPresent: boolean | undefined;
export function hasXz(): boolean {
  xzPresent ??= spawnSync('xz', ['--version'], { stdio: 'ignore' }).status === 0;
  return xzPresent;
}

export async function decompressIndex(data: Buffer, compression: IndexCompression, what: string): Promise<Buffer> {
  if (compression === 'none') return data;
  if (compression === 'gz') {
    try {
      return await promisify(gunzip)(data);
    } catch (err) {
      throw new InputError(`${what}: corrupt gzip data (${(err as Error).message})`);
    }
  }
  return new Promise((resolve, reject) => {
    const child = spawn('xz', ['-d', '-c', '-q', '-T1'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (e) => reject(new InputError(`${what}: cannot run xz (${e.message})`)));
    child.stdin.on('error', () => {}); // xz exiting early on bad data closes the pipe; the exit code reports it
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new InputError(`${what}: corrupt xz data (${stderr.trim() || `xz exit ${code}`})`));
    });
    child.stdin.end(data);
  });
}

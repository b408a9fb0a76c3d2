/**
 * What the e2e inspect tests compare whittle against: the real CLI's JSON, and the image files read with
 * other tools (skopeo, tar, sha256 of the bytes) so the expected figures never come from whittle's own code.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { InspectReport } from '../../src/report/inspect/model.js';
import { run } from '../helpers/e2e-images.js';
import { cliPath } from '../helpers/paths.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`node bin/whittle.js ARGS`) and collects its output. */
export function whittle(args: string[], options: { cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
}

/** `whittle inspect --format json REF`; findings may make it exit 1, anything else is a failure. */
export async function inspectJson(reference: string): Promise<InspectReport> {
  const result = await whittle(['inspect', '--format', 'json', reference]);
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`whittle inspect ${reference} exited ${result.code}:\n${result.stderr}`);
  }
  try {
    return JSON.parse(result.stdout) as InspectReport;
  } catch {
    throw new Error(`whittle inspect ${reference} did not print JSON:\n${result.stdout.slice(0, 2000)}\n${result.stderr}`);
  }
}

interface RawManifest {
  layers: { digest: string; size: number; mediaType: string }[];
  config: { digest: string };
}

interface RawConfig {
  rootfs: { diff_ids: string[] };
}

/** The manifest and config exactly as skopeo reads them from any transport. */
export async function skopeoManifest(transportRef: string, tlsVerify = true): Promise<{ manifest: RawManifest; config: RawConfig }> {
  const tls = transportRef.startsWith('docker://') && !tlsVerify ? ['--tls-verify=false'] : [];
  const manifest = JSON.parse((await run('skopeo', ['inspect', ...tls, '--raw', transportRef])).stdout) as RawManifest;
  const config = JSON.parse((await run('skopeo', ['inspect', ...tls, '--config', '--raw', transportRef])).stdout) as RawConfig;
  return { manifest, config };
}

/** docker save's manifest.json, read with tar (not with whittle's archive reader). */
export async function dockerArchiveManifest(archive: string): Promise<{ Config: string; Layers: string[] }> {
  const text = (await run('tar', ['-xOf', archive, 'manifest.json'])).stdout;
  const entries = JSON.parse(text) as { Config: string; Layers: string[] }[];
  if (entries.length !== 1) throw new Error(`${archive}: expected one image, found ${entries.length}`);
  return entries[0]!;
}

/** Size in bytes of each regular file in a tar archive, from `tar -tv` (GNU tar's verbose listing). */
export async function tarMemberSizes(archive: string): Promise<Map<string, number>> {
  const listing = (await run('tar', ['--numeric-owner', '-tvf', archive])).stdout;
  const sizes = new Map<string, number>();
  for (const line of listing.split('\n')) {
    // -rw-r--r-- 0/0  171790336 1970-01-01 00:00 01c4...b218.tar
    const match = /^-\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(.+)$/.exec(line);
    if (match) sizes.set(match[2]!, Number(match[1]));
  }
  return sizes;
}

/** Uncompressed size and sha256 (the DiffID) of a gzip layer blob in an OCI layout, using Node's zlib. */
export async function gunzipSizeAndDigest(ociDir: string, digest: string): Promise<{ size: number; diffId: string }> {
  const hash = createHash('sha256');
  let size = 0;
  const stream = createReadStream(join(ociDir, 'blobs', ...digest.split(':'))).pipe(createGunzip());
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    hash.update(chunk);
  }
  return { size, diffId: `sha256:${hash.digest('hex')}` };
}

/** `name\tversion` lines of `dpkg-query -W`, as a sorted list of `name=version` with the `:arch` qualifier dropped. */
export function dpkgQueryPackages(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [name, version] = line.split('\t');
      return `${name!.replace(/:[a-z0-9]+$/, '')}=${version ?? ''}`;
    })
    .sort();
}

/** Paths as the report gives them, compared without a leading `/` or `./`. */
export function plainPath(path: string): string {
  return path.replace(/^\.?\/+/, '');
}

export async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

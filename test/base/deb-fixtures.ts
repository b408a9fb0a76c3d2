/** Tiny real .deb files for the unit tests, made by dpkg-deb --build from a folder the test describes. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface DebFixture {
  name: string;
  version?: string;
  architecture?: string;
  depends?: string;
  preDepends?: string;
  provides?: string;
  /** Path (relative) to contents; `{ link }` makes a symlink, `{ dir }` an empty folder, `{ mode }` sets bits. */
  files?: Record<string, string | { link: string } | { dir: true } | { data: string; mode: number }>;
  compression?: 'xz' | 'gzip' | 'zstd' | 'none';
  /** Build time dpkg-deb writes in the ar headers (its SOURCE_DATE_EPOCH). */
  epoch?: number;
  /** Maintainer scripts (`postinst` ...) put in control.tar, never run. */
  scripts?: Record<string, string>;
}

export function tempDir(prefix = 'whittle-base-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Builds the .deb in `outDir` and returns its path. */
export function makeDeb(outDir: string, fx: DebFixture): string {
  const root = mkdtempSync(join(tmpdir(), `deb-${fx.name}-`));
  mkdirSync(join(root, 'DEBIAN'));
  const control = [
    `Package: ${fx.name}`,
    `Version: ${fx.version ?? '1.0-1'}`,
    `Architecture: ${fx.architecture ?? 'amd64'}`,
    'Maintainer: Test <test@example.org>',
    ...(fx.preDepends ? [`Pre-Depends: ${fx.preDepends}`] : []),
    ...(fx.depends ? [`Depends: ${fx.depends}`] : []),
    ...(fx.provides ? [`Provides: ${fx.provides}`] : []),
    `Description: fixture ${fx.name}`,
    ' A package made by the test.',
    '',
  ].join('\n');
  writeFileSync(join(root, 'DEBIAN', 'control'), control);
  for (const [name, text] of Object.entries(fx.scripts ?? {})) writeFileSync(join(root, 'DEBIAN', name), text, { mode: 0o755 });
  for (const [path, content] of Object.entries(fx.files ?? {})) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof content === 'string') writeFileSync(full, content);
    else if ('link' in content) symlinkSync(content.link, full);
    else if ('dir' in content) mkdirSync(full, { recursive: true });
    else {
      writeFileSync(full, content.data);
      chmodSync(full, content.mode);
    }
  }
  const out = join(outDir, `${fx.name}_${fx.version ?? '1.0-1'}_${fx.architecture ?? 'amd64'}.deb`);
  const env = { ...process.env, ...(fx.epoch !== undefined ? { SOURCE_DATE_EPOCH: String(fx.epoch) } : {}) };
  const r = spawnSync('dpkg-deb', ['--root-owner-group', `-Z${fx.compression ?? 'xz'}`, '--build', root, out], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`dpkg-deb failed: ${r.stderr}`);
  return out;
}

/**
 * The machine's apt sources (/etc/apt/sources.list.d/*.sources in deb822, and one-line sources.list files),
 * so `whittle base` reads the same mirror apt does, and the default Debian mirror otherwise.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { field, parseDeb822 } from './deb822.js';
import type { AptSource } from './types.js';

export const DEBIAN_MIRROR = 'http://deb.debian.org/debian';

const DEBIAN_SUITES = /^(buster|bullseye|bookworm|trixie|forky|duke|sid|stable|testing|unstable|oldstable|oldoldstable)$/;

/** Every enabled `deb` source of the machine, in apt's order (sources.list first, then the folder sorted). */
export function systemSources(aptDir = '/etc/apt'): AptSource[] {
  const sources: AptSource[] = [];
  const read = (path: string): string | null => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  };
  const list = read(join(aptDir, 'sources.list'));
  if (list) sources.push(...parseSourcesList(list));
  let entries: string[] = [];
  try {
    entries = readdirSync(join(aptDir, 'sources.list.d')).sort();
  } catch {
    // no folder: only sources.list
  }
  for (const entry of entries) {
    const text = read(join(aptDir, 'sources.list.d', entry));
    if (text === null) continue;
    try {
      if (entry.endsWith('.sources')) sources.push(...parseDeb822Sources(text, entry));
      else if (entry.endsWith('.list')) sources.push(...parseSourcesList(text));
    } catch {
      // A malformed file is apt's problem to report; whittle only looks for a mirror here.
    }
  }
  return sources;
}

/** One-line format: `deb [options] URI suite component...`. */
export function parseSourcesList(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').replace(/\[[^\]]*\]/, ' ').trim();
    const [type, url, suite, ...components] = line.split(/\s+/);
    if (type !== 'deb' || !url || !suite) continue;
    sources.push({ url: url.replace(/\/+$/, ''), suite, components });
  }
  return sources;
}

/** deb822 format: `Types: deb`, `URIs:`, `Suites:`, `Components:`, `Enabled: no` skips. */
export function parseDeb822Sources(text: string, file: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const stanza of parseDeb822(text, file)) {
    const words = (name: string): string[] => (field(stanza, name) ?? '').split(/\s+/).filter(Boolean);
    if (!words('Types').includes('deb') || (field(stanza, 'Enabled') ?? 'yes').toLowerCase() === 'no') continue;
    for (const url of words('URIs')) {
      for (const suite of words('Suites')) sources.push({ url: url.replace(/\/+$/, ''), suite, components: words('Components') });
    }
  }
  return sources;
}

/** The machine's Debian mirror (the source serving a main Debian suite), else deb.debian.org. */
export function defaultMirror(aptDir = '/etc/apt'): string {
  const debian = systemSources(aptDir).find((s) => DEBIAN_SUITES.test(s.suite) && /^https?:\/\//.test(s.url));
  return debian?.url ?? DEBIAN_MIRROR;
}

/** Default cache folder: $XDG_CACHE_HOME/whittle, else ~/.cache/whittle. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(env.HOME || '/tmp', '.cache');
  return join(base, 'whittle');
}

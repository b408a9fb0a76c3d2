/** A suite's `Release` file: its metadata and the checksums of the indexes it lists. */
import { InputError } from '../../core/errors.js';
import { field, parseDeb822 } from './deb822.js';

export interface ReleaseFile {
  suite?: string;
  codename?: string;
  date?: string;
  validUntil?: string;
  architectures: string[];
  components: string[];
  /** `Acquire-By-Hash: yes`: indexes can also be fetched as by-hash/SHA256/<sum>, immune to mirror updates mid-fetch. */
  acquireByHash: boolean;
  /** Index path (`main/binary-amd64/Packages.xz`) to its size and SHA-256. */
  sha256: Map<string, { size: number; sha256: string }>;
}

export function parseRelease(text: string, file: string): ReleaseFile {
  const stanzas = parseDeb822(text, file);
  const stanza = stanzas[0];
  if (!stanza) throw new InputError('empty Release file', file);
  const sums = new Map<string, { size: number; sha256: string }>();
  const listing = field(stanza, 'SHA256');
  if (listing === undefined) throw new InputError('Release file has no SHA256 list (only SHA256 is trusted)', file, stanza.line, 1);
  for (const line of listing.split('\n').slice(1)) {
    const parts = line.trim().split(/\s+/);
    if (parts.length === 1 && parts[0] === '') continue;
    const [sha256, size, path] = parts;
    if (parts.length !== 3 || !/^[0-9a-f]{64}$/i.test(sha256!) || !/^\d+$/.test(size!)) {
      throw new InputError(`malformed SHA256 line ${JSON.stringify(line.trim())}`, file);
    }
    sums.set(path!, { size: Number(size), sha256: sha256!.toLowerCase() });
  }
  const list = (name: string): string[] => (field(stanza, name) ?? '').split(/\s+/).filter(Boolean);
  const release: ReleaseFile = {
    architectures: list('Architectures'),
    components: list('Components'),
    acquireByHash: (field(stanza, 'Acquire-By-Hash') ?? '').toLowerCase() === 'yes',
    sha256: sums,
  };
  const optional: [keyof ReleaseFile, string][] = [
    ['suite', 'Suite'],
    ['codename', 'Codename'],
    ['date', 'Date'],
    ['validUntil', 'Valid-Until'],
  ];
  for (const [key, name] of optional) {
    const value = field(stanza, name);
    if (value !== undefined) (release as unknown as Record<string, unknown>)[key] = value;
  }
  return release;
}

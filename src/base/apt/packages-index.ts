/** A `Packages` index turned into DebPackage records (one per stanza). */
import { InputError } from '../../core/errors.js';
import { field, parseDeb822, type Stanza } from './deb822.js';
import type { DebPackage } from './types.js';

/**
 * Parses a Packages text. `archiveUrl` is the source's base URL (`http://deb.debian.org/debian`), which the
 * stanza's `Filename` is relative to; `file` names the index in errors.
 */
export function parsePackagesIndex(text: string, archiveUrl: string, file: string): DebPackage[] {
  const base = archiveUrl.replace(/\/+$/, '');
  return parseDeb822(text, file).map((stanza) => stanzaToPackage(stanza, base, file));
}

function required(stanza: Stanza, name: string, file: string): string {
  const value = field(stanza, name);
  if (value === undefined || value === '') {
    const pkg = field(stanza, 'Package');
    throw new InputError(`${pkg ? `package ${pkg}: ` : ''}missing ${name} field`, file, stanza.line, 1);
  }
  return value;
}

export function stanzaToPackage(stanza: Stanza, base: string, file: string): DebPackage {
  const name = required(stanza, 'Package', file);
  const filename = required(stanza, 'Filename', file);
  // Filename comes from the archive; a `..` or absolute path would point the download outside the archive.
  if (filename.startsWith('/') || filename.split('/').includes('..') || /[\s?#]/.test(filename)) {
    throw new InputError(`package ${name}: unsafe Filename ${JSON.stringify(filename)}`, file, stanza.line, 1);
  }
  const sizeText = required(stanza, 'Size', file);
  const sha256 = required(stanza, 'SHA256', file).toLowerCase();
  if (!/^\d+$/.test(sizeText)) throw new InputError(`package ${name}: Size is not a number`, file, stanza.line, 1);
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new InputError(`package ${name}: SHA256 is not 64 hex digits`, file, stanza.line, 1);
  const pkg: DebPackage = {
    name,
    version: required(stanza, 'Version', file),
    architecture: required(stanza, 'Architecture', file),
    url: `${base}/${filename}`,
    size: Number(sizeText),
    sha256,
    depends: field(stanza, 'Depends') ?? '',
    preDepends: field(stanza, 'Pre-Depends') ?? '',
    provides: field(stanza, 'Provides') ?? '',
    essential: (field(stanza, 'Essential') ?? '').toLowerCase() === 'yes',
    fields: stanza.fields,
  };
  const optional: [keyof DebPackage, string][] = [
    ['priority', 'Priority'],
    ['section', 'Section'],
    ['source', 'Source'],
    ['multiArch', 'Multi-Arch'],
  ];
  for (const [key, fieldName] of optional) {
    const value = field(stanza, fieldName);
    if (value !== undefined) (pkg as unknown as Record<string, unknown>)[key] = value;
  }
  const installed = field(stanza, 'Installed-Size');
  if (installed !== undefined && /^\d+$/.test(installed)) pkg.installedSize = Number(installed);
  return pkg;
}

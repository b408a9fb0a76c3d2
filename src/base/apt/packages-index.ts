/**
 * A `Packages` index turned into DebPackage records (one per stanza).
 *
 * Bookworm main is 63 000 stanzas and 50 MB of text, of which the resolver needs a dozen fields per stanza;
 * so one scan picks out those fields without splitting the rest into strings, and each package's full field
 * list (kept for the dpkg status database of the packages that are installed) is parsed from its stanza text
 * only when first read. Syntax errors are still found in the scan, with their line.
 */
import { InputError } from '../../core/errors.js';
import { parseDeb822 } from './deb822.js';
import type { DebPackage } from './types.js';

/** The fields the scan extracts, by their canonical and lowercase spellings. */
const WANTED = [
  'Package',
  'Version',
  'Architecture',
  'Filename',
  'Size',
  'SHA256',
  'Depends',
  'Pre-Depends',
  'Provides',
  'Essential',
  'Priority',
  'Section',
  'Source',
  'Multi-Arch',
  'Installed-Size',
] as const;
type Wanted = (typeof WANTED)[number];
/** Names by (length, lowercased first character), so a line's key is matched without making a string of it. */
const BY_SHAPE = new Map<number, Wanted[]>();
for (const key of WANTED) {
  const shape = (key.length << 8) | (key.charCodeAt(0) | 0x20);
  BY_SHAPE.set(shape, [...(BY_SHAPE.get(shape) ?? []), key]);
}

function matchKey(text: string, pos: number, colon: number): Wanted | undefined {
  const candidates = BY_SHAPE.get(((colon - pos) << 8) | (text.charCodeAt(pos) | 0x20));
  if (!candidates) return undefined;
  for (const key of candidates) if (text.startsWith(key, pos)) return key;
  // Field names are case-insensitive; archives write them capitalised, so this rarely runs.
  for (const key of candidates) if (sameLetters(text, pos, key)) return key;
  return undefined;
}

function sameLetters(text: string, pos: number, key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const a = text.charCodeAt(pos + i);
    const b = key.charCodeAt(i);
    if (a !== b && !(((a | 0x20) === (b | 0x20)) && (b | 0x20) >= 97 && (b | 0x20) <= 122)) return false;
  }
  return true;
}

/** Whether text[from, to) is only spaces and tabs (a blank line), without slicing it. */
function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/**
 * Parses a Packages text. `archiveUrl` is the source's base URL (`http://deb.debian.org/debian`), which the
 * stanza's `Filename` is relative to; `file` names the index in errors.
 */
export function parsePackagesIndex(text: string, archiveUrl: string, file: string): DebPackage[] {
  const base = archiveUrl.replace(/\/+$/, '');
  const packages: DebPackage[] = [];
  const n = text.length;
  let pos = 0;
  let lineNo = 1;
  while (pos < n) {
    // Between stanzas: blank lines and comments.
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    const first = text.charCodeAt(pos);
    if (end === pos || first === 35 || ((first === 13 || first === 32 || first === 9) && isBlank(text, pos, end))) {
      pos = end + 1;
      lineNo++;
      continue;
    }
    const start = pos;
    const startLine = lineNo;
    const values: Partial<Record<Wanted, string>> = {};
    let last: Wanted | null = null;
    let sawField = false;
    while (pos < n) {
      end = text.indexOf('\n', pos);
      if (end < 0) end = n;
      const c = text.charCodeAt(pos);
      const lineEnd = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (lineEnd === pos) break;
      if (c === 32 || c === 9) {
        if (isBlank(text, pos, lineEnd)) break;
        if (!sawField) throw new InputError('continuation line with no field before it', file, lineNo, 1);
        if (last) values[last] += `\n${text.slice(pos, lineEnd)}`;
      } else if (c !== 35) {
        const colon = text.indexOf(':', pos);
        if (colon <= pos || colon > lineEnd) {
          throw new InputError(`expected "Field: value", got ${JSON.stringify(text.slice(pos, Math.min(lineEnd, pos + 60)))}`, file, lineNo, 1);
        }
        const wanted = matchKey(text, pos, colon);
        last = wanted && values[wanted] === undefined ? wanted : null;
        if (last) values[last] = text.slice(colon + 1, lineEnd).trim();
        sawField = true;
      }
      pos = end + 1;
      lineNo++;
    }
    packages.push(toPackage(values, text.slice(start, Math.min(pos, n)), base, file, startLine));
  }
  return packages;
}

function toPackage(values: Partial<Record<Wanted, string>>, stanzaText: string, base: string, file: string, line: number): DebPackage {
  const required = (name: Wanted): string => {
    const value = values[name];
    if (value === undefined || value === '') {
      throw new InputError(`${values.Package ? `package ${values.Package}: ` : ''}missing ${name} field`, file, line, 1);
    }
    return value;
  };
  const name = required('Package');
  const filename = required('Filename');
  // Filename comes from the archive; a `..` or absolute path would point the download outside the archive.
  if (filename.startsWith('/') || filename.split('/').includes('..') || /[\s?#]/.test(filename)) {
    throw new InputError(`package ${name}: unsafe Filename ${JSON.stringify(filename)}`, file, line, 1);
  }
  const sizeText = required('Size');
  const sha256 = required('SHA256').toLowerCase();
  if (!/^\d+$/.test(sizeText)) throw new InputError(`package ${name}: Size is not a number`, file, line, 1);
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new InputError(`package ${name}: SHA256 is not 64 hex digits`, file, line, 1);
  const pkg = {
    name,
    version: required('Version'),
    architecture: required('Architecture'),
    url: `${base}/${filename}`,
    size: Number(sizeText),
    sha256,
    depends: values.Depends ?? '',
    preDepends: values['Pre-Depends'] ?? '',
    provides: values.Provides ?? '',
    essential: (values.Essential ?? '').toLowerCase() === 'yes',
  } as DebPackage;
  if (values.Priority !== undefined) pkg.priority = values.Priority;
  if (values.Section !== undefined) pkg.section = values.Section;
  if (values.Source !== undefined) pkg.source = values.Source;
  if (values['Multi-Arch'] !== undefined) pkg.multiArch = values['Multi-Arch'];
  const installed = values['Installed-Size'];
  if (installed !== undefined && /^\d+$/.test(installed)) pkg.installedSize = Number(installed);
  defineLazyFields(pkg, stanzaText, file);
  return pkg;
}

/** Where a package's stanza text waits until its fields are first read (not enumerable, so never copied). */
const STANZA = Symbol('stanza');
type Pending = DebPackage & { [STANZA]?: { text: string; file: string } };

/** One getter and setter shared by every package (a closure per package would double the scan's garbage). */
const LAZY_FIELDS: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Pending): [string, string][] {
    const pending = this[STANZA]!;
    const fields = parseDeb822(pending.text, pending.file)[0]?.fields ?? [];
    settle(this, fields);
    return fields;
  },
  set(this: Pending, value: [string, string][]) {
    settle(this, value);
  },
};

function settle(pkg: Pending, fields: [string, string][]): void {
  Object.defineProperty(pkg, 'fields', { value: fields, enumerable: true, configurable: true, writable: true });
  delete pkg[STANZA];
}

/** `fields` as an enumerable property parsed on first read (spreads and deepEqual see it like a plain one). */
function defineLazyFields(pkg: DebPackage, stanzaText: string, file: string): void {
  Object.defineProperty(pkg, STANZA, { value: { text: stanzaText, file }, enumerable: false, configurable: true, writable: true });
  Object.defineProperty(pkg, 'fields', LAZY_FIELDS);
}

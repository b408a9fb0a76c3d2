/**
 * Debian control-file syntax (deb822): stanzas of `Field: value` lines separated by blank lines, with
 * continuation lines starting with a space or tab. Used for Packages, Release and .sources files.
 * Hand-written: the format is a dozen lines of rules, and the npm parsers either drop field order or
 * continuation whitespace, both of which the dpkg status database the image carries needs verbatim.
 */
import { InputError } from '../../core/errors.js';

export interface Stanza {
  /** Fields in file order; a value keeps its continuation lines (`\n` + the line as written, leading space included). */
  fields: [string, string][];
  /** 1-based line of the stanza's first field. */
  line: number;
}

/** Parses every stanza of a deb822 text; `file` names the source in errors. `#` comment lines are skipped. */
export function parseDeb822(text: string, file: string): Stanza[] {
  const stanzas: Stanza[] = [];
  let current: Stanza | null = null;
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    start = end + 1;
    lineNo++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.length === 0 || line.trim() === '') {
      current = null;
      continue;
    }
    if (line.startsWith('#')) continue;
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      const last = current?.fields[current.fields.length - 1];
      if (!last) throw new InputError(`continuation line with no field before it`, file, lineNo, 1);
      last[1] += `\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new InputError(`expected "Field: value", got ${JSON.stringify(line.slice(0, 60))}`, file, lineNo, 1);
    if (!current) {
      current = { fields: [], line: lineNo };
      stanzas.push(current);
    }
    current.fields.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return stanzas;
}

/** A field's value (field names are case-insensitive), or undefined. */
export function field(stanza: Stanza, name: string): string | undefined {
  // Archives write the canonical spelling, so try it before the case-insensitive scan.
  for (const [key, value] of stanza.fields) if (key === name) return value;
  const lower = name.toLowerCase();
  for (const [key, value] of stanza.fields) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** A multi-line value's lines after the first, without their leading whitespace and empty ones dropped. */
export function continuationLines(value: string): string[] {
  return value
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== '.');
}

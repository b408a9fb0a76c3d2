/** Debian control stanzas (deb822): a package's `control` file in, a dpkg status stanza out. */

/** Fields of one stanza in order; continuation lines stay part of their field's value (with their newlines). */
export function parseControl(text: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const last = fields[fields.length - 1];
      if (last) last[1] += '\n' + line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return fields;
}

export function field(fields: readonly [string, string][], name: string): string | undefined {
  const lower = name.toLowerCase();
  return fields.find(([k]) => k.toLowerCase() === lower)?.[1];
}

/**
 * The stanza dpkg writes to its status file for an installed package: the control fields with `Status`
 * after `Package`, as distroless writes /var/lib/dpkg/status.d/<name>.
 */
export function statusStanza(fields: readonly [string, string][]): string {
  const out: string[] = [];
  for (const [key, value] of fields) {
    if (key.toLowerCase() === 'status') continue;
    out.push(`${key}: ${value}`);
    if (key.toLowerCase() === 'package') out.push('Status: install ok installed');
  }
  return out.join('\n') + '\n';
}

/** Package names a Depends/Pre-Depends field names, grouped by alternatives: `a | b, c (>= 1)` → [[a, b], [c]]. */
export function relationNames(value: string | undefined): string[][] {
  if (!value) return [];
  return value
    .split(',')
    .map((clause) =>
      clause
        .split('|')
        .map((alt) => alt.trim().split(/[\s(:[]/)[0]!)
        .filter((n) => n !== ''),
    )
    .filter((alts) => alts.length > 0);
}

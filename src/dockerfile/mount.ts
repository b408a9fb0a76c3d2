/** `RUN --mount=...` values: one CSV record of key=value fields (BuildKit reads them with encoding/csv). */

/** Splits one CSV record; `"` quotes a field, `""` inside quotes is a literal quote. */
export function csvFields(value: string): string[] {
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  while (i < value.length) {
    const c = value[i]!;
    if (quoted) {
      if (c === '"') {
        if (value[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      fieldStart = true;
      i++;
      continue;
    }
    fieldStart = false;
    field += c;
    i++;
  }
  fields.push(field);
  return fields;
}

const ALIASES: Record<string, string> = { dst: 'target', destination: 'target', src: 'source' };

/** The fields of a mount (keys lower-cased, aliases kept as written and also mapped to their main name). */
export function parseMountValue(value: string): { type: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const raw of csvFields(value)) {
    const field = raw.trim();
    if (field === '') continue;
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const val = eq < 0 ? '' : field.slice(eq + 1);
    fields[key] = val;
    const alias = ALIASES[key];
    if (alias && fields[alias] === undefined) fields[alias] = val;
  }
  return { type: fields['type'] || 'bind', fields };
}

/** Debian control-file stanzas (dpkg status): `Field: value` lines, continuation lines start with a space. */
export function parseStanzas(text: string): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  let cur: Record<string, string> = {};
  let last: string | null = null;
  const flush = () => {
    if (Object.keys(cur).length) out.push(cur);
    cur = {};
    last = null;
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      cur[last] += '\n' + line.slice(1);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim();
    cur[last] = line.slice(colon + 1).trim();
  }
  flush();
  return out;
}

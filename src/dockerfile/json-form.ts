/** JSON (exec) form detection as BuildKit does it (parseJSON in parser/line_parsers.go), with string positions. */
import { isSpace } from './words.js';

export class NotStringArrayError extends Error {
  constructor() {
    super('when using JSON array syntax, arrays must be comprised of strings only');
  }
}

export interface JsonString {
  value: string;
  /** Offsets of the string token (quotes included) in the text given to parseJsonForm. */
  start: number;
  end: number;
  /** For each UTF-16 index of `value` (and one past the end), the offset in the text. */
  map: number[];
}

/**
 * Returns the strings of a JSON array when `text` is one (BuildKit: TrimLeft, must start with `[`, must
 * unmarshal); null when it is shell form. Throws NotStringArrayError for a valid array holding non-strings.
 */
export function parseJsonForm(text: string): JsonString[] | null {
  let lead = 0;
  while (lead < text.length && isSpace(text[lead]!)) lead++;
  if (text[lead] !== '[') return null;
  // BuildKit decodes with json.Decoder: the first JSON value counts, whatever follows it is ignored.
  const end = endOfFirstValue(text, lead);
  if (end < 0) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(lead, end));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  if (!parsed.every((v) => typeof v === 'string')) throw new NotStringArrayError();
  return locateStrings(text, lead);
}

/** Offset just past the bracket closing the array opened at `from` (strings respected), or -1. */
function endOfFirstValue(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Walks a JSON array already known to be valid and to hold only strings. */
function locateStrings(text: string, from: number): JsonString[] {
  const out: JsonString[] = [];
  let i = from + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ']') break;
    if (c !== '"') {
      i++;
      continue;
    }
    const start = i;
    i++;
    let value = '';
    const map: number[] = [];
    while (text[i] !== '"') {
      if (text[i] === '\\') {
        const e = text[i + 1]!;
        if (e === 'u') {
          map.push(i);
          value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          map.push(i);
          value += ESCAPES[e] ?? e;
          i += 2;
        }
      } else {
        map.push(i);
        value += text[i];
        i++;
      }
    }
    map.push(i);
    i++;
    out.push({ value, start, end: i, map });
  }
  return out;
}

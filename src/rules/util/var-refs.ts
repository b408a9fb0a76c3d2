/**
 * Variable references in a Dockerfile word as BuildKit's lexer sees them: `$NAME`, `${NAME}`, `${NAME:-x}` ...
 * Single quotes and the escape character stop expansion. Only positions and names are needed here, so this is a
 * scanner, not an expander (expansion is src/dockerfile/variables.ts).
 */

export interface VarRef {
  name: string;
  /** Offset of `$` in the word. */
  offset: number;
  /** Length of the whole reference (`${NAME:-x}` included). */
  length: number;
  /** `${NAME:-x}`, `${NAME-x}`, `${NAME:+x}`, `${NAME:?x}` ...: the author handles the unset case. */
  hasModifier: boolean;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

export function variableRefs(word: string, escape: string = '\\'): VarRef[] {
  const refs: VarRef[] = [];
  let inSingle = false;
  let inDouble = false;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === escape && !inSingle) {
      i++;
      continue;
    }
    if (c === "'" && !inDouble) {
      inSingle = !inSingle;
      continue;
    }
    if (c === '"' && !inSingle) {
      inDouble = !inDouble;
      continue;
    }
    if (c !== '$' || inSingle) continue;
    if (word[i + 1] === '{') {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(word);
      if (!m) continue;
      const close = findClose(word, i + 2 + m[0].length);
      refs.push({ name: m[0], offset: i, length: close + 1 - i, hasModifier: word[i + 2 + m[0].length] !== '}' });
      i = close;
    } else {
      NAME.lastIndex = i + 1;
      const m = NAME.exec(word);
      if (!m) continue;
      refs.push({ name: m[0], offset: i, length: 1 + m[0].length, hasModifier: false });
      i += m[0].length;
    }
  }
  return refs;
}

/** Index of the `}` closing a `${`, allowing nested `${...}` in the modifier word. */
function findClose(word: string, from: number): number {
  let depth = 1;
  for (let i = from; i < word.length; i++) {
    if (word[i] === '$' && word[i + 1] === '{') {
      depth++;
      i++;
    } else if (word[i] === '}' && --depth === 0) return i;
  }
  return word.length - 1;
}

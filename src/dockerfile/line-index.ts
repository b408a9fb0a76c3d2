/** One LineIndex per parsed Dockerfile, shared by the parser, the shell analysis and the rules instead of each building its own. */
import { LineIndex } from '../core/position.js';
import type { Dockerfile } from './model.js';

const indexes = new WeakMap<Dockerfile, LineIndex>();

/** Records the index the parser built for a Dockerfile's text. */
export function rememberLineIndex(df: Dockerfile, index: LineIndex): void {
  indexes.set(df, index);
}

/** The line index of a Dockerfile's text, built on first use; rebuilt when the text was replaced since. */
export function lineIndexOf(df: Dockerfile): LineIndex {
  let index = indexes.get(df);
  if (!index || index.text !== df.text) {
    index = new LineIndex(df.text);
    indexes.set(df, index);
  }
  return index;
}

/** A fix is a list of text edits on the original text, never string surgery inside a rule. */
export interface TextEdit {
  /** 0-based start offset in the original text. */
  start: number;
  /** 0-based end offset (exclusive) in the original text. `start === end` inserts. */
  end: number;
  replacement: string;
}

export function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point do not overlap in span, but their order would be ambiguous.
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/**
 * Applies edits that do not overlap. Edits that overlap an already accepted edit are skipped and
 * returned, so the fix loop can apply them on the next pass against the re-parsed text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[]; skipped: TextEdit[] } {
  const accepted: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  for (const edit of edits) {
    if (edit.start < 0 || edit.end > text.length || edit.start > edit.end) {
      throw new RangeError(`edit ${edit.start}-${edit.end} is outside a text of ${text.length} characters`);
    }
    if (accepted.some((a) => overlaps(a, edit))) skipped.push(edit);
    else accepted.push(edit);
  }
  const ordered = [...accepted].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of ordered) out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
  return { text: out, applied: accepted, skipped };
}

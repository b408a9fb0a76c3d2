/**
 * Safe fixes as text edits on the original YAML: a line inserted into a container's securityContext (made when
 * missing) at the indentation its siblings use. The document is never re-serialised, so comments, quoting and
 * key order stay as written.
 */
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { TextEdit } from '../core/edits.js';
import type { ContainerRef, LoadedFile } from './model.js';
import { valueOf } from './yaml-nodes.js';

let lastText = '';
let lastEol = '\n';
/** The file's line ending (Windows editors write CRLF), remembered for the text last asked about. */
function eolOf(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastEol = text.includes('\r\n') ? '\r\n' : '\n';
  }
  return lastEol;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** Offset just past the end of the line that holds `offset` (after its newline). */
function afterLine(text: string, offset: number): { at: number; needsNewline: boolean } {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? { at: text.length, needsNewline: true } : { at: nl + 1, needsNewline: false };
}

/** The indentation step the block map uses for its children, 2 when it has no nested block map. */
function indentStep(text: string, map: YAMLMap): number {
  for (const item of map.items) {
    const value = item.value as Node | null;
    const key = item.key as Node | null;
    if (key?.range && value && (isMap(value) || isSeq(value)) && !(value as { flow?: boolean }).flow && value.range) {
      const step = columnOf(text, value.range[0]) - columnOf(text, key.range[0]);
      if (step > 0) return step;
    }
  }
  return 2;
}

/** Lines appended at the end of a block map, at `indent` columns (the map's own key column). */
function appendToBlockMap(text: string, map: YAMLMap, lines: string[]): TextEdit[] | undefined {
  const end = map.range?.[1];
  const firstKey = (map.items[0]?.key as Node | undefined)?.range?.[0];
  if (end === undefined || firstKey === undefined) return undefined;
  const indent = ' '.repeat(columnOf(text, firstKey));
  // The last value may end mid-line (before a comment): insert after that whole line.
  const { at, needsNewline } = afterLine(text, Math.max(end - 1, firstKey));
  const eol = eolOf(text);
  const body = lines.map((l) => `${indent}${l}${eol}`).join('');
  return [{ start: at, end: at, replacement: (needsNewline ? eol : '') + body }];
}

/** Entries added to a flow map `{a: 1}` before its closing brace. */
function appendToFlowMap(text: string, map: YAMLMap, entries: string[]): TextEdit[] | undefined {
  const end = map.range?.[1];
  if (end === undefined) return undefined;
  // end is just past the closing brace: the next character may be an enclosing flow map's own '}'.
  const close = text.lastIndexOf('}', end - 1);
  if (close === -1) return undefined;
  const sep = map.items.length ? ', ' : '';
  return [{ start: close, end: close, replacement: sep + entries.join(', ') }];
}

/**
 * Sets `securityContext.<path>` to a YAML value in a container that does not set it, e.g.
 * (['allowPrivilegeEscalation'], 'false') or (['capabilities', 'drop'], '[ALL]').
 */
export function addSecurityField(file: LoadedFile, container: ContainerRef, path: readonly string[], value: string): TextEdit[] | undefined {
  return addContainerField(file, container, ['securityContext', ...path], value);
}

/**
 * Sets `<path>` (from the container map down, missing maps made) to a YAML value when the container does not set
 * it; `comment` goes at the end of the new line (or, in a flow map, of the line that closes it).
 */
export function addContainerField(file: LoadedFile, container: ContainerRef, keys: readonly string[], value: string, comment?: string): TextEdit[] | undefined {
  const text = file.text;
  const cmap = container.node;
  if ((cmap as { flow?: boolean }).flow) return undefined;
  let parent: YAMLMap = cmap;
  let missing: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const next = valueOf(parent, keys[i]!);
    if (next === undefined) {
      missing = keys.slice(i);
      break;
    }
    // Set already, or not a mapping we can add to (`securityContext:` with no value): left to the user.
    if (!isMap(next) || i === keys.length - 1) return undefined;
    parent = next;
  }
  if (missing.length === 0) return undefined;
  // The nested lines: each missing key one step deeper, the last with the value.
  if ((parent as { flow?: boolean }).flow) {
    const nested = missing.slice(0, -1).reduceRight((inner, key) => `${key}: {${inner}}`, `${missing[missing.length - 1]}: ${value}`);
    const edits = appendToFlowMap(text, parent, [nested]);
    return edits && comment ? [...edits, ...commentAtLineEnd(text, parent.range![1] - 1, comment)] : edits;
  }
  const step = indentStep(text, cmap);
  const tail = comment ? `  # ${comment}` : '';
  const lines = missing.map((key, i) => `${' '.repeat(step * i)}${key}:${i === missing.length - 1 ? ` ${value}${tail}` : ''}`);
  return appendToBlockMap(text, parent, lines);
}

/** A `# comment` at the end of the line holding `offset`, unless that line has a comment already. */
function commentAtLineEnd(text: string, offset: number, comment: string): TextEdit[] {
  const nl = text.indexOf('\n', offset);
  let end = nl === -1 ? text.length : nl;
  if (text[end - 1] === '\r') end--;
  if (text.slice(lineStartOf(text, offset), end).includes('#')) return [];
  return [{ start: end, end, replacement: `  # ${comment}` }];
}

/**
 * Replaces the container's `image:` value with `ref`, in the quoting it was written in; undefined for block
 * scalars, aliases and anything but a plain or quoted string.
 */
export function replaceImage(container: ContainerRef, ref: string): TextEdit[] | undefined {
  const node = valueOf(container.node, 'image');
  if (!isScalar(node) || !node.range || typeof node.value !== 'string') return undefined;
  const quote = node.type === Scalar.QUOTE_DOUBLE ? '"' : node.type === Scalar.QUOTE_SINGLE ? "'" : node.type === Scalar.PLAIN ? '' : undefined;
  if (quote === undefined) return undefined;
  return [{ start: node.range[0], end: node.range[1], replacement: `${quote}${ref}${quote}` }];
}

/**
 * Reads a YAML config file keeping node positions, so every validation error names file, line and column.
 * The checks are small and specific to our layout; a JSON-Schema validator would lose the YAML positions.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { ConfigError } from '../core/errors.js';

export interface Entry {
  key: string;
  keyNode: Node;
  value: Node | null;
}

export class YamlSource {
  private readonly lineCounter = new LineCounter();
  /** The root node, null for an empty file. */
  readonly root: Node | null;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    const doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: true });
    const first = doc.errors[0];
    if (first) {
      const pos = this.lineCounter.linePos(first.pos[0]);
      const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new ConfigError(`invalid YAML: ${message}`, file, pos.line, pos.col);
    }
    this.root = (doc.contents as Node | null) ?? null;
  }

  error(node: Node | null | undefined, message: string): ConfigError {
    const offset = node?.range?.[0];
    if (offset === undefined) return new ConfigError(message, this.file);
    const pos = this.lineCounter.linePos(offset);
    return new ConfigError(message, this.file, pos.line, pos.col);
  }

  /** The entries of a mapping; a null node (an empty section) has none. Unknown keys are errors. */
  entries(node: Node | null, where: string, allowed?: readonly string[]): Entry[] {
    if (node === null || (isScalar(node) && node.value === null)) return [];
    if (!isMap(node)) throw this.error(node, `${where} must be a mapping`);
    const out: Entry[] = [];
    for (const pair of (node as YAMLMap<Node, Node | null>).items) {
      const keyNode = pair.key;
      if (!isScalar(keyNode) || typeof keyNode.value !== 'string' && typeof keyNode.value !== 'number') {
        throw this.error(keyNode, `${where}: keys must be strings`);
      }
      const key = String(keyNode.value);
      if (allowed && !allowed.includes(key)) {
        throw this.error(keyNode, `unknown key "${key}" in ${where} (expected one of: ${allowed.join(', ')})`);
      }
      out.push({ key, keyNode, value: pair.value ?? null });
    }
    return out;
  }

  string(node: Node | null, what: string): string {
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
    throw this.error(node, `${what} must be a string`);
  }

  boolean(node: Node | null, what: string): boolean {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    throw this.error(node, `${what} must be true or false`);
  }

  number(node: Node | null, what: string): number {
    if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value)) return node.value;
    throw this.error(node, `${what} must be a number`);
  }

  /** A list of strings; a single string is accepted as a list of one (hadolint allows both). */
  stringList(node: Node | null, what: string): { value: string; node: Node }[] {
    if (node === null || (isScalar(node) && node.value === null)) return [];
    if (isScalar(node) && typeof node.value === 'string') return [{ value: node.value, node }];
    if (!isSeq(node)) throw this.error(node, `${what} must be a list of strings`);
    return (node.items as (Node | null)[]).map((item) => ({ value: this.string(item, `each item of ${what}`), node: item as Node }));
  }

  /** Plain JavaScript value of a node (for sections kept raw). */
  plain(node: Node | null): unknown {
    return node === null ? null : (node as { toJSON(): unknown }).toJSON();
  }
}

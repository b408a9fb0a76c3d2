/**
 * Relationship fields (Depends, Pre-Depends, Provides): `a (>= 1) | b:any, c [amd64] <!nocheck>`.
 * Syntax per Debian policy 7.1 and deb-src-control(5): comma-separated groups of `|` alternatives, each a name
 * with an optional `:arch` qualifier, `(op version)`, `[arch list]` and `<profiles>`.
 */
import { InputError } from '../../core/errors.js';
import type { VersionOperator } from './version.js';

export interface Relation {
  name: string;
  /** `any`, `native` or an architecture name, from `name:qualifier`. */
  archQualifier?: string;
  op?: VersionOperator;
  version?: string;
  /** `[amd64 !i386]`, as written (build relations only; honoured when present). */
  archRestrictions?: string[];
}

/** One comma-separated group: satisfied by any of its alternatives, first preferred. */
export type Alternatives = Relation[];

const RELATION = /^([a-z0-9][a-z0-9+.-]*)(?::([a-z0-9-]+))?\s*(?:\(\s*(<<|<=|>=|>>|=|<|>)\s*([^)\s]+)\s*\))?\s*(?:\[([^\]]*)\])?\s*(?:<[^>]*>\s*)*$/i;

/** Parses a relationship field; `where` names the package and field in errors. Empty text gives []. */
export function parseRelations(text: string, where = 'relationship field'): Alternatives[] {
  const groups: Alternatives[] = [];
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return groups;
  for (const group of flat.split(',')) {
    if (group.trim() === '') continue; // a trailing comma is tolerated, as dpkg does
    groups.push(group.split('|').map((alt) => parseRelation(alt.trim(), where)));
  }
  return groups;
}

function parseRelation(text: string, where: string): Relation {
  const m = RELATION.exec(text);
  if (!m) throw new InputError(`${where}: cannot parse relation ${JSON.stringify(text)}`);
  const relation: Relation = { name: m[1]!.toLowerCase() };
  if (m[2]) relation.archQualifier = m[2].toLowerCase();
  if (m[3]) {
    // `<` and `>` are the obsolete spellings of `<=` and `>=` (policy 7.1).
    relation.op = m[3] === '<' ? '<=' : m[3] === '>' ? '>=' : (m[3] as VersionOperator);
    relation.version = m[4]!;
  }
  if (m[5] !== undefined) relation.archRestrictions = m[5].trim().split(/\s+/).filter(Boolean);
  return relation;
}

/** Whether an `[arch list]` lets the relation apply on this architecture (no list: always). */
export function appliesToArchitecture(relation: Relation, architecture: string): boolean {
  const list = relation.archRestrictions;
  if (!list || list.length === 0) return true;
  const negated = list.every((a) => a.startsWith('!'));
  if (negated) return !list.includes(`!${architecture}`);
  return list.includes(architecture) || list.includes('any') || list.includes(`linux-${architecture}`);
}

/** `a (>= 1) | b:any`: a relation group written back the way Debian writes it (for error messages). */
export function formatRelation(relation: Relation): string {
  const qualifier = relation.archQualifier ? `:${relation.archQualifier}` : '';
  const version = relation.op ? ` (${relation.op} ${relation.version})` : '';
  return `${relation.name}${qualifier}${version}`;
}

export function formatAlternatives(group: Alternatives): string {
  return group.map(formatRelation).join(' | ');
}

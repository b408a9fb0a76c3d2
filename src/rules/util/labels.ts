/**
 * LABEL helpers for the label rules (hadolint's label-schema rules): the label pairs of a Dockerfile, their values
 * after ARG/ENV expansion, and validators for the value types a schema can ask for.
 */
import { createRequire } from 'node:module';
import type { LabelType } from '../../config/types.js';
import type { EnvInstruction, KeyValue } from '../../dockerfile/model.js';
import type { Rule, RuleContext, RuleMeta } from '../types.js';

// spdx-expression-parse is CommonJS without type declarations: it throws on anything but a valid SPDX expression.
const parseSpdx = createRequire(import.meta.url)('spdx-expression-parse') as (expression: string) => unknown;

export interface LabelPair {
  instruction: EnvInstruction;
  pair: KeyValue;
}

/** Every `LABEL key=value` pair in file order (ONBUILD LABEL triggers belong to other images and are left out). */
export function labelPairs(context: RuleContext): LabelPair[] {
  const out: LabelPair[] = [];
  for (const instruction of context.dockerfile.instructions) {
    if (instruction.keyword !== 'LABEL') continue;
    for (const pair of instruction.pairs) out.push({ instruction, pair });
  }
  return out;
}

/**
 * A label's value after ARG/ENV expansion; undefined when it refers to a variable the Dockerfile does not define at
 * that point (its value comes from outside, so it cannot be judged).
 */
export function labelValue(context: RuleContext, { instruction, pair }: LabelPair): string | undefined {
  if (!pair.value.includes('$') || pair.rawValue.startsWith("'")) return pair.value;
  const vars = context.variablesAt(instruction);
  for (const m of pair.rawValue.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)(:?[-+])?/g)) {
    if (!vars.has(m[1]!) && m[2] === undefined) return undefined;
  }
  return context.expand(pair.rawValue, instruction);
}

const RESERVED_NAMESPACES = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/** Docker's label key format: lower-case alphanumerics, dots and dashes, starting with a letter, no `..`/`--`, no reserved namespace. */
export function isValidLabelKey(key: string): boolean {
  return (
    /^[a-z]([a-z0-9.-]*[a-z0-9])?$/.test(key) &&
    !key.includes('..') &&
    !key.includes('--') &&
    !RESERVED_NAMESPACES.some((ns) => key.startsWith(ns))
  );
}

/** An absolute URI with a scheme (`https://example.com/x`, `mailto:a@b.c`). */
export function isUrl(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** An RFC 3339 date-time (`2024-05-01T12:00:00Z`, `2024-05-01T12:00:00.5+02:00`), with valid field ranges. */
export function isRfc3339(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return true;
}

/** A valid SPDX license expression (`MIT`, `Apache-2.0 OR MIT`, `GPL-2.0-only WITH Classpath-exception-2.0`). */
export function isSpdx(value: string): boolean {
  try {
    parseSpdx(value);
    return true;
  } catch {
    return false;
  }
}

/** A git commit id: lower-case hex, abbreviated (7 to 40 characters) or full SHA-1 (40) or SHA-256 (64). */
export function isGitHash(value: string): boolean {
  return /^[0-9a-f]{7,40}$/.test(value) || /^[0-9a-f]{64}$/.test(value);
}

// The regular expression semver.org gives for Semantic Versioning 2.0.0.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function isSemver(value: string): boolean {
  return SEMVER.test(value);
}

// RFC 5322 addr-spec without comments or folding white space: dot-atom or quoted local part, dot-atom or literal domain.
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const DOT_ATOM = `${ATEXT}+(?:\\.${ATEXT}+)*`;
const QUOTED = '"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*"';
const DOMAIN_LITERAL = '\\[[\\x21-\\x5a\\x5e-\\x7e]*\\]';
const EMAIL = new RegExp(`^(?:${DOT_ATOM}|${QUOTED})@(?:${DOT_ATOM}|${DOMAIN_LITERAL})$`);

/** An RFC 5322 address (`name@example.com`). */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/**
 * A rule that checks the values of the labels a schema gives one type (`config.labelSchema`, hadolint's
 * `label-schema`), reporting each value that is not valid for it.
 */
export function labelTypeRule(meta: RuleMeta, type: LabelType, isValid: (value: string) => boolean, message: (key: string) => string): Rule {
  return {
    meta,
    check(context) {
      const schema = context.config.labelSchema;
      for (const lp of labelPairs(context)) {
        if (schema[lp.pair.key] !== type) continue;
        const value = labelValue(context, lp);
        if (value === undefined || isValid(value)) continue;
        context.report({ range: lp.pair.range, message: message(lp.pair.key) });
      }
    },
  };
}

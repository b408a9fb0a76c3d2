/** Runs rules over a parsed Dockerfile and turns their reports into findings, honouring config and pragmas. */
import type { Finding, Severity } from '../core/finding.js';
import type { LintConfig } from '../config/types.js';
import { defaultLintConfig } from '../config/types.js';
import type { Dockerfile, Instruction } from '../dockerfile/model.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import { expandWord, ScopeVariables, variablesAt } from '../dockerfile/variables.js';
import type { BuildContext, Rule, RuleContext } from '../rules/types.js';
import { allRules } from '../rules/index.js';
import { readPragmas } from './pragmas.js';
import { readCheckDirective, skippedByCheckDirective } from './check-directive.js';

export interface LintOptions {
  config?: Partial<LintConfig>;
  rules?: readonly Rule[];
  buildContext?: BuildContext | null;
}

// Rule metadata is static: its lower-cased keys are worked out once per rule, not once per rule per file.
const keysCache = new WeakMap<Rule, readonly string[]>();

function ruleKeys(rule: Rule): readonly string[] {
  let keys = keysCache.get(rule);
  if (!keys) {
    keys = [rule.meta.id, ...rule.meta.aliases].map((k) => k.toLowerCase());
    keysCache.set(rule, keys);
  }
  return keys;
}

// A bit per instruction keyword, so "does this file have any of the rule's keywords" is one AND.
const keywordBits = new Map<string, number>();

function keywordBit(keyword: string): number {
  let bit = keywordBits.get(keyword);
  if (bit === undefined) {
    // Keywords beyond 31 (never: BuildKit has 18) share the last bit, which only makes rules run more often.
    bit = 1 << Math.min(keywordBits.size, 30);
    keywordBits.set(keyword, bit);
  }
  return bit;
}

/** The keywords a file holds, ONBUILD triggers included, as bits. */
function keywordsPresent(df: Dockerfile): number {
  let bits = 0;
  for (const i of df.instructions) {
    bits |= keywordBit(i.keyword);
    if (i.keyword === 'ONBUILD') bits |= keywordBit(i.trigger.keyword);
  }
  return bits;
}

const ruleKeywordBits = new WeakMap<Rule, number>();

/** Bits of the keywords a rule declares; -1 (every bit) when it declares none and so always runs. */
function ruleBits(rule: Rule): number {
  let bits = ruleKeywordBits.get(rule);
  if (bits === undefined) {
    const keywords = rule.meta.keywords;
    bits = keywords && keywords.length > 0 ? keywords.reduce((b, k) => b | keywordBit(k.toUpperCase()), 0) : -1;
    ruleKeywordBits.set(rule, bits);
  }
  return bits;
}

/** A rule with its static look-ups done: lower-cased keys and keyword bits. */
interface PreparedRule {
  rule: Rule;
  keys: readonly string[];
  bits: number;
}

function prepare(rules: readonly Rule[]): PreparedRule[] {
  return rules.map((rule) => ({ rule, keys: ruleKeys(rule), bits: ruleBits(rule) }));
}

// For the built-in list, prepared once (a caller's own list may change between calls, so it is prepared per call).
let allRulesPrepared: readonly PreparedRule[] | undefined;

/** The severity a rule reports with after overrides; 'off' when ignored. */
export function effectiveSeverity(rule: Rule, config: LintConfig): Severity | 'off' {
  return new RuleSelection(config).severity(rule);
}

/** The config's ignores and overrides, lower-cased once per lint run so each rule is a few set look-ups. */
class RuleSelection {
  private readonly ignored: Set<string>;
  /** Lower-cased key to the first override naming it, with its position (the first override that matches wins). */
  private readonly overrides = new Map<string, { order: number; severity: Severity | 'off' }>();
  /** Lower-cased keys that some override opts in (any severity other than 'off'). */
  private readonly optInKeys = new Set<string>();

  constructor(config: LintConfig) {
    this.ignored = new Set(config.ignored.map((i) => i.toLowerCase()));
    let order = 0;
    for (const [key, severity] of Object.entries(config.severityOverrides)) {
      const k = key.toLowerCase();
      if (!this.overrides.has(k)) this.overrides.set(k, { order, severity });
      if (severity !== 'off') this.optInKeys.add(k);
      order++;
    }
  }

  severity(rule: Rule, keys: readonly string[] = ruleKeys(rule)): Severity | 'off' {
    if (this.ignored.size > 0 && keys.some((k) => this.ignored.has(k))) return 'off';
    if (this.overrides.size === 0) return rule.meta.severity;
    let first: { order: number; severity: Severity | 'off' } | undefined;
    for (const k of keys) {
      const o = this.overrides.get(k);
      if (o && (!first || o.order < first.order)) first = o;
    }
    return first ? first.severity : rule.meta.severity;
  }

  /** Opt-in rules run only when an override gives them a severity. */
  optedIn(rule: Rule, keys: readonly string[] = ruleKeys(rule)): boolean {
    return this.optInKeys.size > 0 && keys.some((k) => this.optInKeys.has(k));
  }
}

/** For each 1-based line inside an instruction, the index of the first instruction (in file order) that spans it. */
function instructionIndexByLine(df: Dockerfile): Int32Array {
  let last = 0;
  for (const i of df.instructions) if (i.range.end.line > last) last = i.range.end.line;
  const byLine = new Int32Array(last + 1).fill(-1);
  df.instructions.forEach((ins, index) => {
    for (let line = Math.max(ins.range.start.line, 0); line <= ins.range.end.line; line++) if (byLine[line] === -1) byLine[line] = index;
  });
  return byLine;
}

// Same order as String.prototype.localeCompare with the default locale, without its per-call set-up.
const collator = new Intl.Collator();

export function lintDockerfile(df: Dockerfile, options: LintOptions = {}): Finding[] {
  const config: LintConfig = { ...defaultLintConfig, ...options.config };
  const rules = options.rules ?? allRules;
  const selection = new RuleSelection(config);
  const pragmas = config.disableIgnorePragma ? null : readPragmas(df);
  const checkDirective = readCheckDirective(df);
  const buildContext = options.buildContext ?? null;
  const varsCache = new Map<Instruction, ReadonlyMap<string, string>>();
  const variables = (instruction: Instruction): ReadonlyMap<string, string> => {
    const cached = varsCache.get(instruction);
    if (cached) return cached;
    const vars = variablesAt(df, instruction, config.buildArgs);
    varsCache.set(instruction, vars);
    return vars;
  };
  // The lexer reads variables only at a `$`: a word without one expands the same in any scope, so it does not need
  // the instruction's scope worked out (quotes and escapes still apply, with the file's escape character).
  const noVariables = Object.assign(new ScopeVariables(), { escape: df.escape });
  const expand = (word: string, instruction: Instruction): string =>
    expandWord(word, word.includes('$') ? variables(instruction) : noVariables).value;
  let lineOwners: Int32Array | undefined;
  const instructionIndexOf = (line: number): number => {
    lineOwners ??= instructionIndexByLine(df);
    return line >= 0 && line < lineOwners.length ? lineOwners[line]! : -1;
  };
  const linePragmas = pragmas && pragmas.byLine.size > 0 ? pragmas.byLine : null;
  const globalPragmas = pragmas && pragmas.global.size > 0 ? pragmas.global : null;
  const directiveSkips = checkDirective.skipAll || checkDirective.skip.size > 0;

  const findings: Finding[] = [];
  // One context for the file; `report` attributes findings to the rule whose check is running (checks are synchronous).
  let rule: Rule = rules[0]!;
  let severity: Severity = 'error';
  let keys: readonly string[] = [];
  const context: RuleContext = {
    dockerfile: df,
    config,
    buildContext,
    variablesAt: variables,
    expand,
    report(report) {
      const start = report.range.start;
      // Pragmas attach to an instruction's first line; a finding anywhere inside that instruction is covered.
      if (linePragmas) {
        const index = instructionIndexOf(start.line);
        const ignored = index >= 0 ? linePragmas.get(df.instructions[index]!.range.start.line) : undefined;
        if (ignored && keys.some((k) => ignored.has(k))) return;
      }
      const end = report.range.end;
      const finding: Finding = {
        file: df.file,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        rule: rule.meta.id,
        aliases: [...rule.meta.aliases],
        severity,
        message: report.message,
        fixable: rule.meta.fixable && Boolean(report.fix?.length),
      };
      // Set only when present, in this order (a conditional spread of a fresh literal is ten times slower).
      if (report.fix?.length) finding.fix = report.fix;
      if (report.suggestions?.length) finding.suggestions = report.suggestions;
      findings.push(finding);
    },
  };
  const present = keywordsPresent(df);
  const prepared = rules === allRules ? (allRulesPrepared ??= prepare(allRules)) : prepare(rules);
  for (const { rule: candidate, keys: candidateKeys, bits } of prepared) {
    // A rule about instructions the file does not have has nothing to say: skipping it saves its whole walk.
    if ((bits & present) === 0) continue;
    const candidateSeverity = selection.severity(candidate, candidateKeys);
    if (candidateSeverity === 'off') continue;
    if (candidate.meta.optIn && !selection.optedIn(candidate, candidateKeys)) continue;
    if (directiveSkips && skippedByCheckDirective(candidate, checkDirective)) continue;
    if (globalPragmas && candidateKeys.some((k) => globalPragmas.has(k))) continue;
    rule = candidate;
    severity = candidateSeverity;
    keys = candidateKeys;
    rule.check(context);
  }
  return dropSuperseded(findings, rules, instructionIndexOf).sort((a, b) => a.line - b.line || a.column - b.column || collator.compare(a.rule, b.rule));
}

// Rule metadata is static: for the built-in list (a caller's own list may change between calls), which rule each
// is superseded by is worked out once, not once per file.
let allRulesSupersededBy: ReadonlyMap<string, readonly string[]> | undefined;

/** Drops a finding when a rule named in its rule's `supersededBy` reported on the same instruction. */
function dropSuperseded(findings: Finding[], rules: readonly Rule[], instructionOf: (line: number) => number): Finding[] {
  if (findings.length === 0) return findings;
  let supersededBy = rules === allRules ? allRulesSupersededBy : undefined;
  if (!supersededBy) {
    supersededBy = new Map(rules.filter((r) => r.meta.supersededBy?.length).map((r) => [r.meta.id, r.meta.supersededBy!]));
    if (rules === allRules) allRulesSupersededBy = supersededBy;
  }
  if (supersededBy.size === 0) return findings;
  if (!findings.some((f) => supersededBy.has(f.rule))) return findings;
  const reported = new Set(findings.map((f) => `${f.rule}@${instructionOf(f.line)}`));
  return findings.filter((f) => !(supersededBy.get(f.rule) ?? []).some((twin) => reported.has(`${twin}@${instructionOf(f.line)}`)));
}

export async function lintText(text: string, file: string, options: LintOptions = {}): Promise<Finding[]> {
  const df = await parseDockerfile(text, file, { buildArgs: options.config?.buildArgs ?? {} });
  return lintDockerfile(df, options);
}

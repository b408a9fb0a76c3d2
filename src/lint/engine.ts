/** Runs rules over a parsed Dockerfile and turns their reports into findings, honouring config and pragmas. */
import type { Finding, Severity } from '../core/finding.js';
import type { LintConfig } from '../config/types.js';
import { defaultLintConfig } from '../config/types.js';
import type { Dockerfile, Instruction } from '../dockerfile/model.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import { expandWord, variablesAt } from '../dockerfile/variables.js';
import type { BuildContext, Rule, RuleContext } from '../rules/types.js';
import { allRules } from '../rules/index.js';
import { readPragmas } from './pragmas.js';
import { readCheckDirective, skippedByCheckDirective } from './check-directive.js';

export interface LintOptions {
  config?: Partial<LintConfig>;
  rules?: readonly Rule[];
  buildContext?: BuildContext | null;
}

function ruleKeys(rule: Rule): string[] {
  return [rule.meta.id, ...rule.meta.aliases].map((k) => k.toLowerCase());
}

/** The severity a rule reports with after overrides; 'off' when ignored. */
export function effectiveSeverity(rule: Rule, config: LintConfig): Severity | 'off' {
  const keys = ruleKeys(rule);
  if (config.ignored.some((i) => keys.includes(i.toLowerCase()))) return 'off';
  for (const [key, severity] of Object.entries(config.severityOverrides)) {
    if (keys.includes(key.toLowerCase())) return severity;
  }
  return rule.meta.severity;
}

/** Opt-in rules run only when an override gives them a severity. */
function optedIn(rule: Rule, config: LintConfig): boolean {
  const keys = ruleKeys(rule);
  return Object.entries(config.severityOverrides).some(([key, severity]) => severity !== 'off' && keys.includes(key.toLowerCase()));
}

export function lintDockerfile(df: Dockerfile, options: LintOptions = {}): Finding[] {
  const config: LintConfig = { ...defaultLintConfig, ...options.config };
  const rules = options.rules ?? allRules;
  const pragmas = config.disableIgnorePragma ? null : readPragmas(df);
  const checkDirective = readCheckDirective(df);
  const varsCache = new Map<Instruction, ReadonlyMap<string, string>>();
  const variables = (instruction: Instruction): ReadonlyMap<string, string> => {
    const cached = varsCache.get(instruction);
    if (cached) return cached;
    const vars = variablesAt(df, instruction, config.buildArgs);
    varsCache.set(instruction, vars);
    return vars;
  };
  // Pragmas attach to an instruction's first line; a finding anywhere inside that instruction is covered.
  const instructionStartFor = (line: number): number | undefined =>
    df.instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line)?.range.start.line;

  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = effectiveSeverity(rule, config);
    if (severity === 'off') continue;
    if (rule.meta.optIn && !optedIn(rule, config)) continue;
    if (skippedByCheckDirective(rule, checkDirective)) continue;
    const keys = ruleKeys(rule);
    if (pragmas && keys.some((k) => pragmas.global.has(k))) continue;
    const context: RuleContext = {
      dockerfile: df,
      config,
      buildContext: options.buildContext ?? null,
      variablesAt: variables,
      expand: (word, instruction) => expandWord(word, variables(instruction)).value,
      report(report) {
        const start = report.range.start;
        if (pragmas) {
          const owner = instructionStartFor(start.line);
          const ignored = owner !== undefined ? pragmas.byLine.get(owner) : undefined;
          if (ignored && keys.some((k) => ignored.has(k))) return;
        }
        const end = report.range.end;
        findings.push({
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
          ...(report.fix?.length ? { fix: report.fix } : {}),
          ...(report.suggestions?.length ? { suggestions: report.suggestions } : {}),
        });
      },
    };
    rule.check(context);
  }
  return dropSuperseded(findings, rules, df).sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

/** Drops a finding when a rule named in its rule's `supersededBy` reported on the same instruction. */
function dropSuperseded(findings: Finding[], rules: readonly Rule[], df: Dockerfile): Finding[] {
  const supersededBy = new Map(rules.filter((r) => r.meta.supersededBy?.length).map((r) => [r.meta.id, r.meta.supersededBy!]));
  if (supersededBy.size === 0) return findings;
  const instructionOf = (line: number): number => df.instructions.findIndex((i) => i.range.start.line <= line && line <= i.range.end.line);
  const reported = new Set(findings.map((f) => `${f.rule}@${instructionOf(f.line)}`));
  return findings.filter((f) => !(supersededBy.get(f.rule) ?? []).some((twin) => reported.has(`${twin}@${instructionOf(f.line)}`)));
}

export async function lintText(text: string, file: string, options: LintOptions = {}): Promise<Finding[]> {
  const df = await parseDockerfile(text, file, { buildArgs: options.config?.buildArgs ?? {} });
  return lintDockerfile(df, options);
}

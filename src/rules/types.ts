/** A rule is metadata plus a pure check over the parsed Dockerfile (ESLint's shape). */
import type { TextEdit } from '../core/edits.js';
import type { Severity, Suggestion } from '../core/finding.js';
import type { Range } from '../core/position.js';
import type { Dockerfile, Instruction } from '../dockerfile/model.js';
import type { LintConfig } from '../config/types.js';

export interface RuleMeta {
  /** Stable kebab-case id, e.g. `apt-pin-versions`. */
  id: string;
  /** Other tools' codes for the same check: hadolint (`DL3008`), BuildKit (`StageNameCasing`). */
  aliases: string[];
  severity: Severity;
  /** One line: what the rule asks for. */
  title: string;
  /** The practice it enforces and why, in a sentence or two. */
  practice: string;
  /** Where the practice comes from: a seed document (`seeds/004`), `hadolint`, `buildkit`. */
  source: string;
  /** True when `whittle fix` can fix it safely. */
  fixable: boolean;
  /** Markdown for the docs: a bad and a good example at least. */
  docs: string;
  /**
   * Off unless the config names it in `severityOverrides` with a severity (hadolint's `override: info: [DL1001]`),
   * for checks that are matters of policy (DL1001) or experimental in BuildKit (InvalidDefinitionDescription).
   */
  optIn?: boolean;
  /**
   * Rules that say the same thing about the same instruction in another tool's words (a seed rule and its hadolint
   * twin): when one of them reports on an instruction, this rule's finding there is dropped, so a user sees one
   * finding, and the twin's aliases and pragmas keep working. If the twin is ignored, this rule speaks again.
   */
  supersededBy?: string[];
  /**
   * Instruction keywords the rule reports about: when a file has none of them (ONBUILD triggers counted), the rule
   * cannot report and the engine does not run it. Leave it out for rules that read every instruction, or that
   * report an absence (no HEALTHCHECK, no USER).
   */
  keywords?: readonly string[];
}

export interface Report {
  range: Range;
  message: string;
  /** A safe fix: edits on the original text that `whittle fix` applies. Only when meta.fixable. */
  fix?: TextEdit[];
  /** Opinionated or unsafe changes with the exact replacement, never applied silently. */
  suggestions?: Suggestion[];
}

/** What the build context tells (read by the CLI; null when unknown, e.g. stdin). */
export interface BuildContext {
  dir: string;
  /** Contents of `.dockerignore` (or `<Dockerfile>.dockerignore`), null when there is none. */
  dockerignore: string | null;
  /** Whether a relative path exists in the context (for COPY sources and dependency manifests). */
  exists(relativePath: string): boolean;
}

export interface RuleContext {
  dockerfile: Dockerfile;
  config: LintConfig;
  buildContext: BuildContext | null;
  report(report: Report): void;
  /** ARG/ENV values in scope at an instruction (build args, global ARGs re-declared, stage ARG/ENV). */
  variablesAt(instruction: Instruction): ReadonlyMap<string, string>;
  /** Expands `$VAR`, `${VAR:-x}` ... in a word with the variables in scope at an instruction. */
  expand(word: string, instruction: Instruction): string;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

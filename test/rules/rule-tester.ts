/**
 * Table-driven rule tests (typescript-eslint's RuleTester shape): Dockerfiles that must not trigger a rule,
 * and Dockerfiles that must, with the expected positions, messages and fixed output.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LintConfig } from '../../src/config/types.js';
import { lintText } from '../../src/lint/engine.js';
import { fixText } from '../../src/lint/fix.js';
import type { BuildContext, Rule } from '../../src/rules/types.js';

export interface CaseOptions {
  /** A name for the test; defaults to the first line of code. */
  name?: string;
  config?: Partial<LintConfig>;
  /** Files in the build context (path to contents); `.dockerignore` among them. Absent: no build context. */
  context?: Record<string, string>;
}

export type ValidCase = string | ({ code: string } & CaseOptions);

export interface ExpectedError {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Substring or pattern the message must match. */
  message?: string | RegExp;
}

export interface InvalidCase extends CaseOptions {
  code: string;
  errors: ExpectedError[];
  /** The text after `whittle fix` with only this rule enabled; omit when the rule has no fix for this case. */
  output?: string;
}

export function memoryContext(files: Record<string, string>): BuildContext {
  return {
    dir: '/context',
    dockerignore: files['.dockerignore'] ?? null,
    exists: (p) => {
      // Only a leading "./" is dropped: a leading dot belongs to hidden names such as .git.
      const rel = p.replace(/^\.\//, '').replace(/\/$/, '');
      return Object.keys(files).some((f) => f === rel || f.startsWith(`${rel}/`));
    },
  };
}

function title(c: { code: string; name?: string }): string {
  return c.name ?? (c.code.split('\n').find((l) => l.trim() && !l.startsWith('#')) ?? c.code).slice(0, 80);
}

export function ruleTests(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.id}`, () => {
    for (const raw of cases.valid) {
      const c = typeof raw === 'string' ? { code: raw } : raw;
      it(`valid: ${title(c)}`, async () => {
        const findings = await lintText(c.code, 'Dockerfile', {
          rules: [rule],
          config: c.config ?? {},
          buildContext: c.context ? memoryContext(c.context) : null,
        });
        assert.deepEqual(findings.map((f) => `${f.line}:${f.column} ${f.message}`), []);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${title(c)}`, async () => {
        const options = { rules: [rule], config: c.config ?? {}, buildContext: c.context ? memoryContext(c.context) : null };
        const findings = await lintText(c.code, 'Dockerfile', options);
        assert.equal(findings.length, c.errors.length, `expected ${c.errors.length} finding(s), got: ${JSON.stringify(findings.map((f) => `${f.line}:${f.column} ${f.message}`))}`);
        c.errors.forEach((expected, i) => {
          const f = findings[i]!;
          assert.equal(f.rule, rule.meta.id);
          assert.equal(f.line, expected.line, `finding ${i} line`);
          if (expected.column !== undefined) assert.equal(f.column, expected.column, `finding ${i} column`);
          if (expected.endLine !== undefined) assert.equal(f.endLine, expected.endLine, `finding ${i} endLine`);
          if (expected.endColumn !== undefined) assert.equal(f.endColumn, expected.endColumn, `finding ${i} endColumn`);
          if (typeof expected.message === 'string') assert.ok(f.message.includes(expected.message), `message "${f.message}" lacks "${expected.message}"`);
          else if (expected.message) assert.match(f.message, expected.message);
        });
        if (c.output !== undefined) {
          assert.ok(rule.meta.fixable, `${rule.meta.id} has an output but is not fixable`);
          const fixed = await fixText(c.code, 'Dockerfile', options);
          assert.equal(fixed.text, c.output);
          const again = await fixText(fixed.text, 'Dockerfile', options);
          assert.equal(again.text, fixed.text, 'fixing twice changes nothing the second time');
        }
      });
    }
  });
}

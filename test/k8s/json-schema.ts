/**
 * Validates `whittle k8s --format json` against schema/whittle-k8s.schema.json with ajv, the lint schema loaded
 * alongside for the findings it references (as src/report/schema-check.ts does for lint and the config).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { repoRoot } from '../helpers/paths.js';

let validate: ValidateFunction | undefined;

function schema(name: string): object {
  return JSON.parse(readFileSync(join(repoRoot, 'schema', name), 'utf8')) as object;
}

export function k8sJsonProblems(report: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    ajv.addSchema(schema('lint-report.schema.json'), 'lint-report.schema.json');
    validate = ajv.compile(schema('whittle-k8s.schema.json'));
  }
  if (validate(report)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

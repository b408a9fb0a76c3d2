/**
 * Validates whittle's machine outputs against their contracts: the OASIS SARIF 2.1.0 schema and
 * schema/lint-report.schema.json. Used by the tests, and by anyone who wants to check a stored report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';

function schemaDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'schema', 'sarif-2.1.0.json'))) return join(dir, 'schema');
    const parent = dirname(dir);
    if (parent === dir) throw new Error('schema/ folder not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** The formats the two schemas use; ajv-formats is not a dependency and these checks are all they need. */
function addFormats(ajv: Ajv): void {
  const isUrl = (s: string): boolean => {
    try {
      return Boolean(new URL(s).protocol);
    } catch {
      return false;
    }
  };
  ajv.addFormat('uri', isUrl);
  // A relative reference: no characters RFC 3986 requires to be percent-encoded.
  ajv.addFormat('uri-reference', (s: string) => isUrl(s) || !/[\s<>"{}|\\^`]/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s));
}

const cache = new Map<string, ValidateFunction>();

type SchemaName = 'sarif-2.1.0.json' | 'lint-report.schema.json' | 'whittle-config.schema.json';

function validator(name: SchemaName): ValidateFunction {
  let v = cache.get(name);
  if (!v) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    v = ajv.compile(JSON.parse(readFileSync(join(schemaDir(), name), 'utf8')) as object);
    cache.set(name, v);
  }
  return v;
}

function check(name: SchemaName, data: unknown): string[] {
  const v = validator(name);
  if (v(data)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** Problems with a SARIF log, empty when it conforms to SARIF 2.1.0. */
export function sarifProblems(log: unknown): string[] {
  return check('sarif-2.1.0.json', log);
}

/** Problems with `whittle lint --format json` output, empty when it conforms to schema/lint-report.schema.json. */
export function lintJsonProblems(report: unknown): string[] {
  return check('lint-report.schema.json', report);
}

/** Problems with a parsed `.whittle.yaml`, empty when it conforms to schema/whittle-config.schema.json. */
export function configSchemaProblems(config: unknown): string[] {
  return check('whittle-config.schema.json', config);
}

/** A schema from schema/, as parsed JSON. */
export function readSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(schemaDir(), name), 'utf8')) as Record<string, unknown>;
}

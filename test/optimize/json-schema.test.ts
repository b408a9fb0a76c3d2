/**
 * `whittle optimize --format json` against its published schema (schema/whittle-optimize.schema.json): the four
 * examples with the e2e test catalogue, a --write run, and refusals with and without a detected stack, all through
 * the in-process CLI (no build), each validated with ajv; and the schema rejects what the output must never be.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import { whittleVersion } from '../../src/cli/version.js';
import { loadConfig } from '../../src/config/load.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { loadCatalogue } from '../../src/optimize/catalogue.js';
import type { OptimizedReport, RefusedReport } from '../../src/optimize/json.js';
import type { StackName } from '../../src/optimize/types.js';
import { repoRoot } from '../helpers/paths.js';
import { GO_MAIN, GO_NAIVE, makeContext, whittle } from './helpers.js';

const schemaPath = join(repoRoot, 'schema', 'whittle-optimize.schema.json');
const catalogueFile = join(repoRoot, 'fixtures', 'optimize-e2e', '.whittle.yaml');

function compileSchema(): ValidateFunction {
  // strict: true also rejects unknown keywords and misplaced ones, so a typo in the schema fails here.
  const ajv = new Ajv({ allErrors: true, strict: true });
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}
const validate = compileSchema();

function assertValid(report: unknown): void {
  assert.ok(validate(report), `${JSON.stringify(validate.errors, null, 2)}\n${JSON.stringify(report, null, 2).slice(0, 2000)}`);
}

async function optimizeJson(args: string[], expectedCode: number): Promise<unknown> {
  const r = await whittle(['optimize', '--format', 'json', ...args]);
  assert.equal(r.code, expectedCode, `${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout) as unknown;
}

const EXAMPLES: Record<string, StackName> = { 'python-app': 'python', 'go-server': 'go', 'node-app': 'node', 'java-service': 'java' };

describe('whittle optimize --format json matches schema/whittle-optimize.schema.json', () => {
  it('the schema is valid draft-07 and describes every field it names', () => {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.match(String(schema.$id), /\/schema\/whittle-optimize\.schema\.json$/);
    const definitions = schema.definitions as Record<string, { description?: string }>;
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const obj = node as Record<string, unknown>;
      if (obj.properties) {
        for (const [name, prop] of Object.entries(obj.properties as Record<string, Record<string, unknown>>)) {
          const ref = typeof prop.$ref === 'string' ? definitions[prop.$ref.replace('#/definitions/', '')] : undefined;
          if (!prop.description && !ref?.description) undescribed.push(`${path}.${name}`);
        }
      }
      for (const [key, value] of Object.entries(obj)) walk(value, `${path}.${key}`);
    };
    walk(schema, '#');
    assert.deepEqual(undescribed, []);
  });

  for (const [example, stack] of Object.entries(EXAMPLES)) {
    it(`${example}: optimized, ${stack}, two stages, the catalogue's bases`, async () => {
      const config = await loadConfig({ startDir: repoRoot, explicitPath: catalogueFile, cwd: repoRoot });
      const bases = loadCatalogue(config.bases)[stack];
      const dockerfile = join(repoRoot, 'examples', example, 'Dockerfile');
      const report = await optimizeJson(['--config', catalogueFile, dockerfile], 0);
      assertValid(report);
      const r = report as OptimizedReport;
      assert.equal(r.kind, 'optimized');
      assert.equal(r.schemaVersion, 1);
      assert.deepEqual(r.tool, { name: 'whittle', version: whittleVersion() });
      assert.equal(r.stack, stack);
      assert.equal(r.builder, bases.builder.image);
      assert.equal(r.runtime, bases.runtime.image);
      assert.notEqual(r.runtime, loadCatalogue(null)[stack].runtime.image, 'the test catalogue replaces the default runtime');
      assert.deepEqual(r.written, [], 'without --write nothing is written');
      assert.ok(r.changes.some((c) => c.effect === 'size'), 'the multi-stage change is explained');
      // The Dockerfile in the report is a two-stage build whose last stage starts from the runtime named above.
      const parsed = await parseDockerfile(r.dockerfile, 'Dockerfile.optimized');
      assert.equal(parsed.stages.length, 2);
      assert.equal(parsed.stages[1]!.from.image, r.runtime);
      assert.equal(parsed.stages[0]!.from.image, r.builder);
    });
  }

  it('--write on a copy: the report lists the Dockerfile and the .dockerignore written; optimizing again refuses, naming the stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whittle-optimize-json-'));
    cpSync(join(repoRoot, 'examples', 'go-server'), dir, { recursive: true });
    const dockerfile = join(dir, 'Dockerfile');
    const written = (await optimizeJson(['--config', catalogueFile, '--write', dockerfile], 0)) as OptimizedReport;
    assertValid(written);
    assert.equal(written.written.length, 2);
    assert.match(written.written[0]!, /Dockerfile$/);
    assert.match(written.written[1]!, /\.dockerignore$/);
    assert.equal(typeof written.dockerignore, 'string');
    assert.equal(readFileSync(dockerfile, 'utf8'), written.dockerfile);

    // Now multi-stage, and the context has a .dockerignore: refused, with the stack it detected.
    const again = (await optimizeJson(['--config', catalogueFile, '--write', dockerfile], 1)) as RefusedReport;
    assertValid(again);
    assert.equal(again.kind, 'refused');
    assert.equal(again.stack, 'go');
    assert.ok(again.reasons.some((x) => /already has 2 stages/.test(x)), again.reasons.join('\n'));
    assert.equal(readFileSync(dockerfile, 'utf8'), written.dockerfile, 'a refusal writes nothing');
  });

  it('an existing .dockerignore: dockerignore is null and its path is the existing file', async () => {
    const dir = makeContext({ Dockerfile: GO_NAIVE, 'go.mod': 'module example.com/hello\n\ngo 1.19\n', 'main.go': GO_MAIN, '.dockerignore': '.git\n' });
    const r = (await optimizeJson([join(dir, 'Dockerfile')], 0)) as OptimizedReport;
    assertValid(r);
    assert.equal(r.dockerignore, null);
    assert.equal(r.dockerignorePath, join(dir, '.dockerignore'));
  });

  it('no stack found: refused, without a stack field, one reason per line', async () => {
    const dir = makeContext({ Dockerfile: 'FROM debian:bookworm\nCOPY run.sh /run.sh\nCMD ["/run.sh"]\n', 'run.sh': 'echo hi\n' });
    const r = (await optimizeJson([join(dir, 'Dockerfile')], 1)) as RefusedReport;
    assertValid(r);
    assert.equal(r.kind, 'refused');
    assert.equal('stack' in r, false);
    assert.equal(r.reasons.length, 1);
    assert.match(r.reasons[0]!, /no stack found/);
    assert.equal(r.file, join(dir, 'Dockerfile'), 'a file outside the working folder is shown absolute');
  });

  it('the schema rejects an extra field, a missing one, mixed kinds and an unknown effect', async () => {
    const ok = (await optimizeJson(['--config', catalogueFile, join(repoRoot, 'examples', 'go-server', 'Dockerfile')], 0)) as OptimizedReport;
    assertValid(ok);
    const copy = (): Record<string, unknown> => JSON.parse(JSON.stringify(ok)) as Record<string, unknown>;
    const extra = { ...copy(), surprise: true };
    assert.equal(validate(extra), false, 'extra field');
    const missing = copy();
    delete missing.schemaVersion;
    assert.equal(validate(missing), false, 'missing schemaVersion');
    const mixed = { ...copy(), kind: 'refused', reasons: ['x'] };
    assert.equal(validate(mixed), false, 'a refusal with a Dockerfile');
    const effect = copy() as unknown as OptimizedReport;
    (effect.changes[0] as { effect: string }).effect = 'speed';
    assert.equal(validate(effect), false, 'unknown effect');
    const noReasons = { schemaVersion: 1, tool: ok.tool, file: ok.file, kind: 'refused', reasons: [] };
    assert.equal(validate(noReasons), false, 'a refusal without a reason');
  });
});

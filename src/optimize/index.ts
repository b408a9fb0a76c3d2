/**
 * `optimizeDockerfile`: rewrites a single-stage Dockerfile into a multi-stage one on minimal bases, or refuses
 * with one line per reason. Pure apart from reading the build context; writes nothing.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Dockerfile } from '../dockerfile/model.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import { generateDockerignore } from '../lint/dockerignore.js';
import { lintDockerfile } from '../lint/engine.js';
import type { BuildContext } from '../rules/types.js';
import { baseForOption, loadCatalogue } from './catalogue.js';
import type { TemplateInput, TemplateOutput } from './common.js';
import { ContextFiles, detectStack } from './detect.js';
import { readFacts } from './facts.js';
import { goTemplate } from './templates/go.js';
import { javaTemplate } from './templates/java.js';
import { nodeTemplate } from './templates/node.js';
import { pythonTemplate } from './templates/python.js';
import { rustTemplate } from './templates/rust.js';
import type { BaseImage, Change, OptimizeInput, OptimizeResult, Refusal, StackName } from './types.js';

export type * from './types.js';
export { defaultCatalogue, inferBase, loadCatalogue } from './catalogue.js';

const TEMPLATES: Record<StackName, (input: TemplateInput) => TemplateOutput> = {
  go: goTemplate,
  python: pythonTemplate,
  node: nodeTemplate,
  java: javaTemplate,
  rust: rustTemplate,
};

/** The .dockerignore that applies to a build (BuildKit: `<Dockerfile>.dockerignore` beside it wins). */
function existingDockerignore(dockerfilePath: string, contextDir: string): string | null {
  const specific = join(dirname(dockerfilePath), `${basename(dockerfilePath)}.dockerignore`);
  if (existsSync(specific)) return specific;
  const root = join(contextDir, '.dockerignore');
  return existsSync(root) ? root : null;
}

function buildContext(ctx: ContextFiles, dockerignore: string | null): BuildContext {
  return { dir: ctx.dir, dockerignore, exists: (p) => ctx.exists(p) };
}

function refuse(reasons: string[], stack?: StackName): Refusal {
  return { kind: 'refused', ...(stack ? { stack } : {}), reasons: [...new Set(reasons)] };
}

export async function optimizeDockerfile(input: OptimizeInput): Promise<OptimizeResult | Refusal> {
  const buildArgs = input.buildArgs ?? {};
  const df = await parseDockerfile(input.dockerfile, input.dockerfilePath, { buildArgs });
  const catalogue = loadCatalogue(input.catalogue, input.catalogueSource);
  const facts = readFacts(df, buildArgs);
  const ctx = new ContextFiles(input.contextDir);
  const detection = detectStack(facts, ctx, input.stack);
  if (!detection.ok) return refuse([...detection.reasons, ...facts.problems], detection.stack);
  const stackFacts = detection.facts;
  const stack = stackFacts.stack;
  const bases = catalogue[stack];
  const builder: BaseImage = input.baseBuilder ? baseForOption(input.baseBuilder, catalogue, '--base-builder') : bases.builder;
  let runtime: BaseImage = bases.runtime;
  if (input.baseRuntime) runtime = baseForOption(input.baseRuntime, catalogue, '--base-runtime');
  else if (stack === 'go' && stackFacts.go?.cgoFile && bases.cgoRuntime) runtime = bases.cgoRuntime;
  else if (stack === 'rust' && /musl/.test(facts.runs.flatMap((r) => r.commands.map((c) => c.text)).join(' ')) && bases.staticRuntime) runtime = bases.staticRuntime;

  const template = TEMPLATES[stack]({ facts, stack: stackFacts, builder, runtime, engine: input.engine ?? 'any', ctx });
  const problems = [...facts.problems, ...template.problems];
  if (problems.length > 0) return refuse(problems, stack);

  const existing = existingDockerignore(input.dockerfilePath, input.contextDir);
  const changes: Change[] = [...template.changes];
  let optimized: Dockerfile;
  try {
    optimized = await parseDockerfile(template.dockerfile, input.dockerfilePath, { buildArgs });
  } catch (err) {
    throw new Error(`whittle optimize produced a Dockerfile its own parser rejects: ${err instanceof Error ? err.message : String(err)}`);
  }
  const dockerignore = existing ? null : generateDockerignore(optimized, buildContext(ctx, null));
  if (dockerignore) {
    changes.push({
      effect: 'size',
      title: 'A .dockerignore for the stack',
      detail: 'Version control, local environments, dependencies installed on the host, build output and local secrets stay out of the build context, so `COPY . .` sends less and never copies them into a layer.',
    });
  }
  const findings = lintDockerfile(optimized, { buildContext: buildContext(ctx, dockerignore ?? null) }).filter((f) => f.severity === 'error' || f.severity === 'warning');
  if (findings.length > 0) {
    changes.push({
      effect: 'behaviour',
      title: `whittle lint still reports ${findings.length} finding${findings.length === 1 ? '' : 's'} on the result`,
      detail: findings.map((f) => `${f.rule} (line ${f.line}): ${f.message}`).join('; '),
    });
  }
  return {
    kind: 'optimized',
    stack,
    dockerfile: template.dockerfile,
    dockerignore,
    dockerignorePath: existing ?? join(input.contextDir, '.dockerignore'),
    builder: builder.image,
    runtime: runtime.image,
    changes,
  };
}

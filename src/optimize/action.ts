/**
 * What `whittle optimize` does once its options are parsed: read the Dockerfile and the catalogue, optimize,
 * print the diff and the explanation (or the reasons it refuses), and with --write replace the files atomically.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, open, readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { writeFileAtomic } from '../cli/atomic-write.js';
import { parseBuildArgs } from '../cli/lint-options.js';
import type { CliRuntime } from '../cli/runtime.js';
import { whittleVersion } from '../cli/version.js';
import { loadConfig } from '../config/load.js';
import { ExitCode, InputError } from '../core/errors.js';
import { optimizeDockerfile } from './index.js';
import { formatOptimizeJson, optimizedReport, refusedReport } from './json.js';
import type { EngineKind, OptimizeResult, Refusal, StackName } from './types.js';

export interface OptimizeCliOptions {
  context?: string;
  write?: boolean;
  output?: string;
  format: 'text' | 'json';
  baseRuntime?: string;
  baseBuilder?: string;
  stack?: StackName;
  engine: EngineKind;
  config?: string;
  buildArg?: string[];
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function patch(oldName: string, newName: string, before: string, after: string): string {
  return createTwoFilesPatch(oldName, newName, before, after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
}

/**
 * Creates a file that must not exist yet, atomically: the text goes to a temporary file first, which is then
 * hard-linked into place (link fails when the name exists, so a .dockerignore that appeared meanwhile is kept).
 */
async function createFileAtomic(path: string, text: string): Promise<boolean> {
  const temp = join(dirname(path), `.${basename(path)}.whittle-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    await handle.writeFile(text);
    await handle.chmod(0o644);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(temp).catch(() => {});
  }
}

function explanation(result: OptimizeResult): string {
  const lines = [`whittle optimize: ${result.stack}, builder ${result.builder}, runtime ${result.runtime}`, ''];
  result.changes.forEach((c, i) => {
    lines.push(`${i + 1}. [${c.effect}] ${c.title}`);
    lines.push(`   ${c.detail}`);
  });
  return `${lines.join('\n')}\n`;
}

function refusalText(file: string, refusal: Refusal): string {
  return refusal.reasons.map((r) => `${file}: cannot optimize safely: ${r}\n`).join('');
}

export async function optimizeAction(dockerfileArg: string, options: OptimizeCliOptions, runtime: CliRuntime): Promise<void> {
  const cwd = process.cwd();
  const dockerfilePath = resolve(cwd, dockerfileArg);
  const shown = display(dockerfilePath, cwd);
  let text: string;
  try {
    text = await readFile(dockerfilePath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a Dockerfile' : `cannot read (${code ?? String(err)})`, shown);
  }
  if (options.output !== undefined && !options.write) throw new InputError('--output needs --write (without it nothing is written)');
  const contextDir = resolve(cwd, options.context ?? dirname(dockerfilePath));
  const config = await loadConfig({ startDir: dirname(dockerfilePath), ...(options.config !== undefined ? { explicitPath: options.config } : {}), cwd });
  const configText = config.file && config.bases !== null ? await readFile(config.file, 'utf8') : undefined;
  const result = await optimizeDockerfile({
    dockerfile: text,
    dockerfilePath,
    contextDir,
    catalogue: config.bases,
    ...(config.file && configText !== undefined ? { catalogueSource: { file: display(config.file, cwd), text: configText } } : {}),
    ...(options.stack ? { stack: options.stack } : {}),
    ...(options.baseRuntime ? { baseRuntime: options.baseRuntime } : {}),
    ...(options.baseBuilder ? { baseBuilder: options.baseBuilder } : {}),
    engine: options.engine,
    buildArgs: { ...config.lint.buildArgs, ...parseBuildArgs(options.buildArg ?? []) },
  });

  if (result.kind === 'refused') {
    if (options.format === 'json') runtime.stdout.write(formatOptimizeJson(refusedReport({ file: shown, toolVersion: whittleVersion() }, result)));
    else runtime.stdout.write(refusalText(shown, result));
    runtime.setExitCode(ExitCode.Findings);
    return;
  }

  const target = options.output !== undefined ? resolve(cwd, options.output) : dockerfilePath;
  const written: string[] = [];
  if (options.write) {
    await writeFileAtomic(target, result.dockerfile);
    written.push(display(target, cwd));
    if (result.dockerignore !== null) {
      if (await createFileAtomic(result.dockerignorePath, result.dockerignore)) written.push(display(result.dockerignorePath, cwd));
      else runtime.stderr.write(`${display(result.dockerignorePath, cwd)}: appeared meanwhile, kept as it is\n`);
    }
  }
  if (options.format === 'json') {
    const report = optimizedReport({ file: shown, toolVersion: whittleVersion() }, result, display(result.dockerignorePath, cwd), written);
    runtime.stdout.write(formatOptimizeJson(report));
    return;
  }
  let out = patch(`a/${shown}`, `b/${display(target, cwd)}`, text, result.dockerfile);
  if (result.dockerignore !== null) out += patch('/dev/null', `b/${display(result.dockerignorePath, cwd)}`, '', result.dockerignore);
  out += `\n${explanation(result)}`;
  out += written.length > 0 ? `\nwritten: ${written.join(', ')}\n` : '\nnothing written: run with --write to apply\n';
  runtime.stdout.write(out);
}

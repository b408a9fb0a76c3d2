/** Shared by the optimize tests: build contexts generated in a temp folder, the optimizer run on them, the result read back. */
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { commands } from '../../src/cli/commands.js';
import { run } from '../../src/cli/main.js';
import type { Dockerfile, Stage } from '../../src/dockerfile/model.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { lintDockerfile } from '../../src/lint/engine.js';
import { optimizeDockerfile } from '../../src/optimize/index.js';
import type { OptimizeOptions, OptimizeResult, Refusal } from '../../src/optimize/types.js';

/** A fresh folder holding the given files (path to contents). */
export function makeContext(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'whittle-optimize-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

export async function optimizeContext(files: Record<string, string>, catalogue?: unknown, options: OptimizeOptions = {}): Promise<{ dir: string; result: OptimizeResult | Refusal }> {
  const dir = makeContext(files);
  const result = await optimizeDockerfile({ dockerfile: files.Dockerfile!, dockerfilePath: join(dir, 'Dockerfile'), contextDir: dir, catalogue, ...options });
  return { dir, result };
}

export function expectOptimized(result: OptimizeResult | Refusal): OptimizeResult {
  if (result.kind !== 'optimized') throw new Error(`refused: ${result.reasons.join('; ')}`);
  return result;
}

export interface ReadBack {
  df: Dockerfile;
  builder: Stage;
  final: Stage;
  /** Keyword and text of each instruction of the final stage. */
  finalText: string;
  builderText: string;
}

export async function readBack(text: string): Promise<ReadBack> {
  const df = await parseDockerfile(text, 'Dockerfile.optimized');
  const final = df.stages[df.stages.length - 1]!;
  const builder = df.stages[0]!;
  const textOf = (s: Stage): string => [s.from.text, ...s.instructions.map((i) => i.text)].join('\n');
  return { df, builder, final, finalText: textOf(final), builderText: textOf(builder) };
}

/** Warnings and errors whittle's own rules report on the text, with the generated .dockerignore as the context's. */
export async function lintProblems(text: string, dir: string, dockerignore: string | null): Promise<string[]> {
  const df = await parseDockerfile(text, 'Dockerfile.optimized');
  const findings = lintDockerfile(df, { buildContext: { dir, dockerignore, exists: (p) => existsSync(join(dir, p)) } });
  return findings.filter((f) => f.severity === 'warning' || f.severity === 'error').map((f) => `${f.rule}:${f.line}: ${f.message}`);
}

/** The final stage's exec-form ENTRYPOINT argv, or undefined. */
export function entrypointOf(stage: Stage): string[] | undefined {
  const e = [...stage.instructions].reverse().find((i) => i.keyword === 'ENTRYPOINT');
  return e && e.keyword === 'ENTRYPOINT' && e.command.form === 'exec' ? e.command.argv : undefined;
}

export function userOf(stage: Stage): string | undefined {
  const u = [...stage.instructions].reverse().find((i) => i.keyword === 'USER');
  return u && u.keyword === 'USER' ? u.user : undefined;
}

export const GO_MAIN = `package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
)

func main() {
	version := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *version {
		fmt.Println("hello-server 1.0")
		os.Exit(0)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "hello") })
	if err := http.ListenAndServe(":8080", nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
`;

export const GO_NAIVE = `FROM debian:bookworm
RUN apt-get update && apt-get install -y golang-go ca-certificates
WORKDIR /go/src/app
COPY . .
RUN go build -o /usr/local/bin/hello .
ENV APP_MODE=production
LABEL org.opencontainers.image.title=hello
EXPOSE 8080
CMD hello
`;

/** The CLI in process: exit code and everything it printed. */
export async function whittle(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void): Writable => new Writable({ write(chunk, _enc, done) { add(String(chunk)); done(); } });
  const code = await run(args, commands, { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) });
  return { code, stdout, stderr };
}

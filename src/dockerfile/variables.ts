/** Variable scopes (ARG/ENV) as BuildKit's dockerfile2llb computes them, and word expansion with its lexer. */
import { isPlainWord, lexWord, ShellLexError } from './lexer.js';
import type { Dockerfile, EscapeChar, Instruction } from './model.js';

/** The variables in scope at an instruction; remembers the file's escape character for expandWord. */
export class ScopeVariables extends Map<string, string> {
  escape: EscapeChar = '\\';
  /** ARGs declared in scope without a value (kept in the map with an empty value). */
  readonly declaredWithoutValue = new Set<string>();
}

export interface Expansion {
  value: string;
  /** Names referenced but not in scope, in order of first use. */
  undefinedVars: string[];
  /** Set when BuildKit would fail (`${A:?msg}` unset, bad substitution, unterminated quote); value is then the word as written. */
  error?: string;
}

/**
 * Expands a word like BuildKit does for ENV, ARG, FROM, COPY ...: quotes removed, escapes applied,
 * `$A ${A} ${A:-x} ${A-x} ${A:+x} ${A+x} ${A:?msg} ${A#p} ${A%p} ${A/p/r}`.
 */
export function expandWord(word: string, vars: ReadonlyMap<string, string>, escape?: EscapeChar): Expansion {
  const esc = escape ?? (vars instanceof ScopeVariables ? vars.escape : '\\');
  if (isPlainWord(word, esc)) return { value: word, undefinedVars: [] };
  try {
    const r = lexWord(word, (name) => vars.get(name), { escapeToken: esc });
    return { value: r.value, undefinedVars: [...r.unmatched] };
  } catch (e) {
    if (!(e instanceof ShellLexError)) throw e;
    // BuildKit wraps lexer errors as `failed to process "<word>": <reason>` (Go's %q is close to JSON quoting).
    return { value: word, undefinedVars: [], error: `failed to process ${JSON.stringify(word)}: ${e.message}` };
  }
}

/** ARGs BuildKit defines without a declaration in the global scope (usable in FROM). */
export const PLATFORM_ARGS = [
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
] as const;

/** Build args passed to RUN without a declaring ARG. */
export const PROXY_ARGS = [
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
] as const;

function platformParts(platform: string): { os: string; arch: string; variant: string } {
  const [os = 'linux', arch = 'amd64', variant = ''] = platform.split('/');
  return { os, arch, variant };
}

/** Values of the predefined platform args: linux/amd64 unless build args say otherwise. */
export function platformArgValues(buildArgs: Record<string, string>): Map<string, string> {
  const values = new Map<string, string>();
  for (const prefix of ['TARGET', 'BUILD']) {
    const platform = buildArgs[`${prefix}PLATFORM`] ?? 'linux/amd64';
    const parts = platformParts(platform);
    values.set(`${prefix}PLATFORM`, platform);
    values.set(`${prefix}OS`, buildArgs[`${prefix}OS`] ?? parts.os);
    values.set(`${prefix}ARCH`, buildArgs[`${prefix}ARCH`] ?? parts.arch);
    values.set(`${prefix}VARIANT`, buildArgs[`${prefix}VARIANT`] ?? parts.variant);
  }
  return values;
}

const own = (o: Record<string, string>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Global (meta) ARGs in order, stopping before `until` when given. */
function globalScope(
  df: Dockerfile,
  buildArgs: Record<string, string>,
  until?: Instruction,
  platform: ReadonlyMap<string, string> = platformArgValues(buildArgs),
): ScopeVariables {
  const vars = new ScopeVariables();
  vars.escape = df.escape;
  for (const [k, v] of platform) vars.set(k, v);
  for (const arg of df.globalArgs) {
    if (arg === until) break;
    for (const d of arg.declarations) {
      if (own(buildArgs, d.name)) vars.set(d.name, buildArgs[d.name]!);
      else if (d.rawDefault !== undefined) vars.set(d.name, expandWord(d.rawDefault, vars).value);
      else if (!vars.has(d.name)) {
        vars.set(d.name, '');
        vars.declaredWithoutValue.add(d.name);
      }
    }
  }
  return vars;
}

/**
 * ARG and ENV values in scope just before `instruction` runs: in FROM the global ARGs (and the predefined
 * platform args); in a stage, ENV inherited from the stage it is built FROM, then the stage's ARG/ENV in
 * order. `ARG NAME` takes the build arg, else the global default, else the predefined value. Build args
 * override ARG defaults. Proxy build args are always visible in a stage.
 */
export function variablesAt(df: Dockerfile, instruction: Instruction, buildArgs: Record<string, string> = {}): Map<string, string> {
  const target = instruction.onbuildParent ?? instruction;
  if (target.keyword === 'FROM' || target.stageIndex < 0) {
    return globalScope(df, buildArgs, target.keyword === 'FROM' ? undefined : target);
  }
  const platform = platformArgValues(buildArgs);
  const globals = globalScope(df, buildArgs, undefined, platform);
  const stageEnvCache = new Map<number, ScopeVariables>();

  const run = (stageIndex: number, stop: Instruction | undefined, depth: number): ScopeVariables => {
    const stage = df.stages[stageIndex];
    const vars = new ScopeVariables();
    vars.escape = df.escape;
    if (!stage) return vars;
    // ENV always wins over an ARG of the same name, whichever comes first.
    const envNames = new Set<string>();
    if (stage.baseStage !== undefined && stage.baseStage < stageIndex && depth < 64) {
      for (const [k, v] of stageEnv(stage.baseStage, depth + 1)) {
        vars.set(k, v);
        envNames.add(k);
      }
    }
    for (const p of PROXY_ARGS) if (own(buildArgs, p)) vars.set(p, buildArgs[p]!);
    const envOnly = stop === undefined;
    for (const ins of stage.instructions) {
      if (ins === stop) break;
      if (ins.keyword === 'ENV') {
        const before = new Map(vars);
        const scope = Object.assign(new ScopeVariables(before), { escape: df.escape });
        for (const pair of ins.pairs) {
          vars.set(pair.key, expandWord(pair.rawValue, scope).value);
          vars.declaredWithoutValue.delete(pair.key);
          envNames.add(pair.key);
        }
      } else if (ins.keyword === 'ARG') {
        for (const d of ins.declarations) {
          if (envNames.has(d.name)) continue;
          let value: string | undefined;
          if (own(buildArgs, d.name)) value = buildArgs[d.name];
          else if (d.rawDefault !== undefined) value = expandWord(d.rawDefault, vars).value;
          else if (globals.has(d.name) && !globals.declaredWithoutValue.has(d.name)) value = globals.get(d.name);
          else if (platform.has(d.name)) value = platform.get(d.name);
          if (value === undefined) {
            if (!vars.has(d.name)) {
              vars.set(d.name, '');
              vars.declaredWithoutValue.add(d.name);
            }
          } else {
            vars.set(d.name, value);
            vars.declaredWithoutValue.delete(d.name);
          }
        }
      }
    }
    // ARGs do not persist into the image config; only ENV carries over to child stages.
    if (envOnly) for (const name of [...vars.keys()]) if (!envNames.has(name)) vars.delete(name);
    return vars;
  };
  const stageEnv = (stageIndex: number, depth: number): ScopeVariables => {
    let env = stageEnvCache.get(stageIndex);
    if (!env) {
      env = run(stageIndex, undefined, depth);
      for (const p of PROXY_ARGS) if (own(buildArgs, p)) env.delete(p);
      stageEnvCache.set(stageIndex, env);
    }
    return env;
  };
  return run(target.stageIndex, target, 0);
}

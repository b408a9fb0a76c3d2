/**
 * The parts every template's Dockerfile shares: the builder stage's opening (FROM and system packages) and the
 * runtime stage around the stack's own files (runtime packages; ARG, ENV, LABEL, EXPOSE, VOLUME carried over;
 * USER; HEALTHCHECK, STOPSIGNAL and the start command), with the changes that explain the runtime and the file text.
 * The templates keep what differs per stack: how to build, what to copy, how to start.
 */
import {
  argLines,
  envLines,
  exposeLines,
  header,
  installRun,
  joinFile,
  labelLines,
  packageChanges,
  runtimeInstall,
  runtimeUser,
  stagesChange,
  stopsignalLines,
  syntaxLine,
  userChange,
  volumeLines,
  type PackageSplit,
  type TemplateInput,
  type TemplateOutput,
} from '../common.js';
import { packageName } from '../packages.js';
import type { BaseImage, Change, StackName } from '../types.js';

/** The builder's packages: the catalogue's `install:`, then the wanted ones the builder neither installs nor provides. */
export function builderPackages(builder: BaseImage, wanted: readonly string[]): string[] {
  const install = [...builder.install];
  for (const p of wanted) if (!install.includes(p) && !builder.provides.includes(packageName(p))) install.push(p);
  return install;
}

/** The first lines of the builder stage: FROM and the package install. */
export function builderStageStart(builder: BaseImage, install: readonly string[], name = 'builder'): string[] {
  return [`FROM ${builder.image} AS ${name}`, ...installRun(builder, install)];
}

export interface RuntimeParts {
  stack: StackName;
  split: PackageSplit;
  /** The stack's lines after the runtime packages: WORKDIR, copies from the builder, the application's sources. */
  files: readonly string[];
  /** ENV the template sets itself, before the original's. */
  env?: readonly string[];
  /** The original's ENV keys that belong to the toolchain (PATH and DEBIAN_FRONTEND are never carried over). */
  toolchainEnv: (key: string) => boolean;
  start: { lines: string[]; changes: Change[]; problems: string[] };
  health: { lines: string[]; changes: Change[] };
}

/**
 * The runtime stage and the whole file. `changes` and `problems` are the template's own, in order; the stages
 * change goes first, the runtime's (user, shell, start, healthcheck, packages) last.
 */
export function finishTemplate(input: TemplateInput, builderStage: readonly string[], parts: RuntimeParts, changes: Change[], problems: string[]): TemplateOutput {
  const { facts, builder, runtime, engine } = input;
  const user = runtimeUser(runtime);
  const runtimeStage = [
    `FROM ${runtime.image}`,
    ...installRun(runtime, runtimeInstall(runtime, parts.split)),
    ...parts.files,
    ...argLines(facts),
    ...(parts.env ?? []),
    ...envLines(facts, (k) => k === 'PATH' || k === 'DEBIAN_FRONTEND' || parts.toolchainEnv(k)),
    ...labelLines(facts),
    ...exposeLines(facts),
    ...volumeLines(facts),
    `USER ${user}`,
    ...parts.health.lines,
    ...stopsignalLines(facts),
    ...parts.start.lines,
  ];
  const allChanges: Change[] = [stagesChange(builder, runtime, facts.stage.baseImage), ...changes, userChange(facts, user)];
  if (!runtime.shell) allChanges.push({ effect: 'security', title: `No shell in ${runtime.image}`, detail: 'Nothing in the image can run a shell script an attacker drops; debug with an ephemeral container (kubectl debug).' });
  allChanges.push(...parts.start.changes, ...parts.health.changes, ...packageChanges(parts.split, runtime));
  const dockerfile = joinFile([[...syntaxLine(engine), ...header(parts.stack)], builderStage, runtimeStage]);
  return { dockerfile, changes: allChanges, problems: [...problems, ...parts.start.problems] };
}

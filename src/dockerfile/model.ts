/**
 * The Dockerfile model: what the parser produces and every rule reads.
 * Parsing is BuildKit-faithful; every node keeps its source range and original text so fixes can be exact.
 * All positions are in the coordinates of the original file text (`Dockerfile.text`).
 */
import type { Range } from '../core/position.js';
import type { ShellScript } from './shell-model.js';

export type EscapeChar = '\\' | '`';

export interface Dockerfile {
  /** Path as given by the user ("-" for stdin). */
  file: string;
  /** The original text, byte for byte (after UTF-8 decoding; a leading BOM is kept here and skipped by the parser). */
  text: string;
  /** Parser directives at the top of the file (`# syntax=`, `# escape=`, `# check=`). */
  directives: Directive[];
  escape: EscapeChar;
  /** Every instruction in file order, including ARGs before the first FROM (stageIndex -1). ONBUILD triggers are nested in their ONBUILD instruction. */
  instructions: Instruction[];
  /** Every comment line that is not a parser directive (including comments inside continuations). */
  comments: Comment[];
  /** ARG instructions before the first FROM. */
  globalArgs: ArgInstruction[];
  stages: Stage[];
  /**
   * Whitespace between the nodes (a BOM, indentation, blank lines, line terminators), in file order.
   * Directives, top-level comments, instructions and trivia tile the file exactly (printDockerfile proves it).
   */
  trivia?: Trivia[];
}

/** Text that belongs to no node: only whitespace, line terminators and a leading BOM. */
export interface Trivia {
  text: string;
  range: Range;
}

export interface Directive {
  name: string; // lower-case: syntax | escape | check
  value: string;
  range: Range;
  /** The directive line as written (from `#` through the end of the line, leading indentation excluded). */
  text?: string;
}

export interface Comment {
  /** Text after '#', untrimmed. */
  text: string;
  range: Range;
}

/** A `--name=value` flag on an instruction. `value` is null for a bare `--link`. */
export interface Flag {
  name: string;
  value: string | null;
  range: Range;
}

/** A RUN --mount flag parsed into its fields. */
export interface Mount {
  type: 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh' | string;
  /** All key=value fields as written (target, source, from, id, sharing, required, mode, uid, gid, readonly/ro/rw ...). */
  fields: Record<string, string>;
  target?: string;
  source?: string;
  from?: string;
  id?: string;
  range: Range;
}

export interface Heredoc {
  /** Delimiter word without quotes or `-`. */
  name: string;
  /** `<<-`: leading tabs are stripped from the body. */
  stripTabs: boolean;
  /** A quoted delimiter (`<<'EOF'`, `<<"EOF"`) disables expansion in the body. */
  quoted: boolean;
  /** Body as BuildKit passes it on (tabs stripped for `<<-`), ending with a newline. */
  content: string;
  /** Range of the body lines (excluding the terminating delimiter line). */
  contentRange: Range;
  /** Range from `<<` through the end of the terminating delimiter line. */
  range: Range;
}

/** JSON (exec) form or shell form of RUN/CMD/ENTRYPOINT/HEALTHCHECK CMD/SHELL/COPY/ADD/VOLUME. */
export type CommandForm =
  | {
      form: 'exec';
      argv: string[];
      range: Range;
      /** Range of each JSON string (quotes included). */
      argRanges?: Range[];
      /** For each argv element, the file offset of each of its characters (and one past the last). */
      argOffsetMaps?: number[][];
    }
  | {
      form: 'shell';
      /** The script with line continuations removed (as the shell receives it), comments inside continuations dropped. */
      script: string;
      range: Range;
      /** Maps a 0-based offset in `script` to the offset in the Dockerfile text. */
      toFileOffset(scriptOffset: number): number;
    };

export interface KeyValue {
  key: string;
  /** The value with quotes removed and escapes processed (not variable-expanded). */
  value: string;
  /** The value as written. */
  rawValue: string;
  /** `ENV key value` (no `=`), BuildKit's LegacyKeyValueFormat. */
  legacy: boolean;
  range: Range;
  keyRange?: Range;
  /** Range of the value as written (empty range for `k=`). */
  valueRange?: Range;
}

interface InstructionBase {
  /** Upper-case keyword, e.g. 'RUN'. */
  keyword: string;
  /** The keyword as written (for casing checks). */
  rawKeyword: string;
  /** Whole instruction: keyword through the last continuation line (and heredoc bodies), excluding the final newline. */
  range: Range;
  keywordRange: Range;
  /** The original source text of `range`. */
  text: string;
  flags: Flag[];
  /** Argument text after keyword and flags, with line continuations removed. */
  args: string;
  argsRange: Range;
  heredocs: Heredoc[];
  /** Index into Dockerfile.stages, -1 before the first FROM. For an ONBUILD trigger, the stage of its ONBUILD. */
  stageIndex: number;
  /** Set on the trigger instruction nested in an ONBUILD. */
  onbuildParent?: OnbuildInstruction;
  /** 1-based lines of empty lines inside the continuation (BuildKit's NoEmptyContinuation). */
  emptyContinuationLines?: number[];
}

export interface FromInstruction extends InstructionBase {
  keyword: 'FROM';
  /** Image reference as written, e.g. `${BASE}` or `python:3.12-slim`. */
  image: string;
  imageRange: Range;
  /** Image after expanding global ARGs (defaults, or --build-arg values given to the parser). */
  imageExpanded: string;
  platform?: string;
  /** Stage name from `AS name`, as written. */
  stageName?: string;
  stageNameRange?: Range;
  /** The `AS` keyword as written (for FromAsCasing). */
  asKeyword?: string;
}

export interface RunInstruction extends InstructionBase {
  keyword: 'RUN';
  command: CommandForm;
  mounts: Mount[];
  network?: string;
  security?: string;
  /** Shell analysis of the shell-form script and of heredoc bodies run by a shell; empty for exec form unless argv is `sh -c ...`. */
  shell: ShellScript;
}

export interface CmdInstruction extends InstructionBase {
  keyword: 'CMD' | 'ENTRYPOINT';
  command: CommandForm;
}

export interface CopyInstruction extends InstructionBase {
  keyword: 'COPY' | 'ADD';
  /** Sources as written (heredoc names appear as `<<EOF`). */
  sources: string[];
  destination: string;
  /** Range of each source as written (JSON strings with their quotes). */
  sourceRanges?: Range[];
  destinationRange?: Range;
  form: 'exec' | 'shell';
  from?: string;
  chown?: string;
  chmod?: string;
  link: boolean;
}

export interface EnvInstruction extends InstructionBase {
  keyword: 'ENV' | 'LABEL';
  pairs: KeyValue[];
}

export interface ArgDeclaration {
  name: string;
  /** The default with quotes removed and escapes processed (not expanded). */
  defaultValue?: string;
  /** The default as written. */
  rawDefault?: string;
  range: Range;
  nameRange?: Range;
}

export interface ArgInstruction extends InstructionBase {
  keyword: 'ARG';
  declarations: ArgDeclaration[];
}

export interface ExposeInstruction extends InstructionBase {
  keyword: 'EXPOSE';
  /** As written, e.g. "80", "8080/tcp", "${PORT}". */
  ports: string[];
  portRanges?: Range[];
}

export interface UserInstruction extends InstructionBase {
  keyword: 'USER';
  user: string;
}

export interface WorkdirInstruction extends InstructionBase {
  keyword: 'WORKDIR';
  path: string;
}

export interface VolumeInstruction extends InstructionBase {
  keyword: 'VOLUME';
  paths: string[];
  form: 'exec' | 'shell';
}

export interface ShellInstruction extends InstructionBase {
  keyword: 'SHELL';
  /** Empty when the JSON is invalid (a parse error is raised instead). */
  argv: string[];
}

export interface HealthcheckInstruction extends InstructionBase {
  keyword: 'HEALTHCHECK';
  /** null for HEALTHCHECK NONE. */
  command: CommandForm | null;
}

export interface StopsignalInstruction extends InstructionBase {
  keyword: 'STOPSIGNAL';
  signal: string;
}

export interface MaintainerInstruction extends InstructionBase {
  keyword: 'MAINTAINER';
  maintainer: string;
}

export interface OnbuildInstruction extends InstructionBase {
  keyword: 'ONBUILD';
  trigger: Instruction;
}

export type Instruction =
  | FromInstruction
  | RunInstruction
  | CmdInstruction
  | CopyInstruction
  | EnvInstruction
  | ArgInstruction
  | ExposeInstruction
  | UserInstruction
  | WorkdirInstruction
  | VolumeInstruction
  | ShellInstruction
  | HealthcheckInstruction
  | StopsignalInstruction
  | MaintainerInstruction
  | OnbuildInstruction;

export interface Stage {
  index: number;
  /** Lower-cased name from `AS name` (BuildKit matches stage names case-insensitively). */
  name?: string;
  from: FromInstruction;
  /** The FROM's image after expansion. */
  baseImage: string;
  /** Index of the stage this one builds on when FROM names an earlier stage. */
  baseStage?: number;
  /** Instructions after FROM up to the next FROM (ONBUILD triggers nested, not listed). */
  instructions: Instruction[];
  /** Stages this one reads from (FROM <stage>, COPY --from, RUN --mount=from=). */
  dependsOn: number[];
  /** True for the last stage (the default build target). */
  isFinal: boolean;
  /** True for the final stage and every stage it transitively depends on. */
  reachesFinal: boolean;
  /** True when the final image is built on this stage (final stage, or a stage it is FROM-ed on, transitively): its instructions ship in the final image. */
  inFinalImage: boolean;
}

/** What the shell analysis of a RUN script yields: the commands, their arguments and how they are joined. */
import type { Range } from '../core/position.js';

export interface ShellWord {
  /** The word as the shell would see it when it is a literal (quotes removed); for non-literal words, the raw text. */
  value: string;
  /** The text as written in the script. */
  raw: string;
  /** False when the word contains an expansion ($VAR, $(...), globs ...). */
  literal: boolean;
  /** Range in the Dockerfile. */
  range: Range;
}

export type Connector = '&&' | '||' | ';' | '|' | '&' | 'newline';

export interface ShellCommand {
  /** Program name as written, e.g. 'apt-get', '/usr/bin/pip3', 'sudo' (wrappers are kept; see `argv`). */
  name: string;
  /** Name word followed by the arguments. */
  words: ShellWord[];
  /** Arguments after the name (words.slice(1)). */
  args: ShellWord[];
  /** Variable assignments that prefix the command (`DEBIAN_FRONTEND=noninteractive apt-get ...`). */
  assignments: { name: string; value: string }[];
  /** Operator that joins this command to the previous one in its list; null for the first command. */
  connectorBefore: Connector | null;
  /** Operator after this command; null for the last. */
  connectorAfter: Connector | null;
  /** True when the command is part of a pipeline (`a | b`). */
  inPipeline: boolean;
  /** Nesting: 0 for top-level; 1 inside `sh -c "..."`, a subshell, $(...), a function or a control structure. */
  depth: number;
  /** Range in the Dockerfile covering the whole command (assignments, name and arguments, redirections). */
  range: Range;
  /** Original text of the command. */
  text: string;
}

export interface ShellScript {
  /** Every simple command in source order, nested ones included (sh -c bodies, subshells, if/for bodies, heredoc bodies). */
  commands: ShellCommand[];
  /** True when any pipeline `|` appears. */
  hasPipe: boolean;
  /** True when the tree-sitter grammar reported an error node (analysis is best-effort then). */
  hasError: boolean;
}

/** The Dockerfile engine's public API: parse, expand variables, analyse RUN scripts, print. */
export type * from './model.js';
export type * from './shell-model.js';
export { decodeDockerfile, parseDockerfile, parseDockerfileSync, type ParseOptions } from './parse.js';
export { expandWord, variablesAt, ScopeVariables, PLATFORM_ARGS, PROXY_ARGS, type Expansion } from './variables.js';
export { analyzeShells, bashParser, isPosixShell, shellCArgument } from './shell.js';
export { printDockerfile } from './print.js';

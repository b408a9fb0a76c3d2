/** Every whittle command. A team adds its command with one line here. */
import type { CommandRegistrar } from './runtime.js';
import { registerLint } from './lint.js';
import { registerFix } from './fix.js';
import { registerInspect } from './inspect.js';
import { registerDiff } from './diff.js';
import { registerK8s } from './k8s.js';
import { registerDebug } from './debug.js';
import { registerBase } from './base.js';
import { registerOptimize } from './optimize.js';
import { registerBench } from './bench.js';

export const commands: CommandRegistrar[] = [
  registerLint,
  registerFix,
  registerInspect,
  registerDiff,
  registerK8s,
  registerDebug,
  registerBase,
  registerOptimize,
  registerBench,
];

/** The lint formatters by name (knip's reporter map): adding a format is one file and one line here. */
import { checkstyle } from './checkstyle.js';
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { text } from './text.js';
import type { LintFormatter } from './types.js';

import type { LintFormatName } from './names.js';

export const lintFormatters: Record<LintFormatName, LintFormatter> = { text, json, sarif, github, junit, checkstyle };

export { LINT_FORMAT_NAMES } from './names.js';
export type { LintFormatName } from './names.js';

export function isLintFormatName(name: string): name is LintFormatName {
  return Object.hasOwn(lintFormatters, name);
}

export type { FormatOptions, LintFormatter, LintReport, LintedFile, InputProblem } from './types.js';

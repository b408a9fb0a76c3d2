/** DL3042: pip's cache left in the image. */
import type { Rule } from './types.js';
import { isAction, optionValues, packageCommands } from './util/packages.js';
import { hasFlag, insertAfter, runInstructions, shipsInFinalImage, unlayeredMountTargets } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

const TRUTHY = new Set(['1', 'true', 'on', 'yes']);

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && TRUTHY.has(value.trim().replace(/^["']|["']$/g, '').toLowerCase());
}

export const pipNoCacheDir: Rule = {
  meta: {
    id: 'pip-no-cache-dir',
    aliases: ['DL3042'],
    severity: 'warning',
    title: 'Use pip install --no-cache-dir',
    practice:
      'pip keeps every downloaded wheel and archive in ~/.cache/pip; in an image that cache is never used again and ' +
      'adds its whole size to the layer. `--no-cache-dir` (or PIP_NO_CACHE_DIR=1, or a cache mount) keeps it out.',
    source: 'hadolint',
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `pip install` (pip, pip3, `python -m pip`) without `--no-cache-dir` in stages whose files end up in the ' +
        'final image. Not reported when `PIP_NO_CACHE_DIR` is set to a true value (ENV, ARG, or an assignment in the ' +
        'RUN) or a cache/tmpfs mount covers the cache directory. `whittle fix` inserts `--no-cache-dir` after `install`.',
      bad: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt',
      good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt',
      notes:
        'With BuildKit, `RUN --mount=type=cache,target=/root/.cache/pip pip install ...` keeps the cache between builds and ' +
        'out of the image. hadolint reports every stage; whittle only stages whose files ship in the final image.',
    }),
  },
  check(context) {
    const df = context.dockerfile;
    const shipping = new Set(runInstructions(df).filter((r) => shipsInFinalImage(df, r)));
    for (const pc of packageCommands(df)) {
      if (!isAction(pc, 'pip', 'install') || !shipping.has(pc.run)) continue;
      if (hasFlag(optionValues(context, pc), '--no-cache-dir')) continue;
      if (isTruthy(context.variablesAt(pc.run).get('PIP_NO_CACHE_DIR'))) continue;
      const assigned = pc.run.shell.commands.some((c) => c.assignments.some((a) => a.name === 'PIP_NO_CACHE_DIR' && isTruthy(a.value)));
      if (assigned || /\bPIP_NO_CACHE_DIR=["']?(1|true|on|yes)\b/i.test(pc.run.command.form === 'shell' ? pc.run.command.script : '')) continue;
      if (unlayeredMountTargets(pc.run).some((t) => /(^|\/)\.cache(\/pip)?$/.test(t) || t.endsWith('/pip'))) continue;
      context.report({
        range: pc.command.range,
        message: 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`.',
        fix: [insertAfter(pc.actionWords.at(-1)!, '--no-cache-dir')],
      });
    }
  },
};

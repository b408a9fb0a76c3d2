/** DL3009: apt lists left in the layer after `apt-get update`. */
import type { Rule } from './types.js';
import { isAction, packageCommandsIn } from './util/packages.js';
import type { Dockerfile, RunInstruction } from '../dockerfile/model.js';
import { appendPoint, builtOn, hasUnlayeredMount, removesPath, runInstructions, shipsInFinalImage } from './util/shell.js';
import { ruleDocs, SEEDS } from './util/shell-rule-docs.js';

const LISTS = '/var/lib/apt/lists';
const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

const NEEDS_LISTS = ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download', 'reinstall'];

/**
 * Whether a later RUN of the same image (this stage or one built on it) installs from the lists without updating
 * them first: removing the lists here would break it.
 */
function laterRunNeedsLists(df: Dockerfile, run: RunInstruction): boolean {
  return runInstructions(df).some((later) => {
    if (later === run || later.range.start.offset < run.range.start.offset) return false;
    if (!builtOn(df, later.stageIndex, run.stageIndex)) return false;
    for (const pc of packageCommandsIn(later)) {
      if (isAction(pc, ['apt-get', 'apt', 'aptitude'], 'update')) return false;
      if (isAction(pc, ['apt-get', 'apt', 'aptitude'], ...NEEDS_LISTS)) return true;
    }
    return false;
  });
}

export const aptListsNotRemoved: Rule = {
  meta: {
    id: 'apt-lists-not-removed',
    aliases: ['DL3009'],
    severity: 'info',
    title: 'Delete the apt lists in the RUN that runs apt-get update',
    practice:
      'apt-get update downloads package indexes to /var/lib/apt/lists (tens of MB) that the running image never needs; ' +
      'removing them in the same RUN keeps them out of the layer, while removing them in a later RUN saves nothing ' +
      '(seeds/002 and seeds/004 chain `rm -rf /var/lib/apt/lists/*` to the install for this reason).',
    source: `${SEEDS.pythonImages}, ${SEEDS.imageDesign}, hadolint`,
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports a RUN that runs `apt-get update` (or `apt update`) without `rm -rf /var/lib/apt/lists/*` in the same ' +
        'RUN, in stages whose files end up in the final image (a builder stage whose files are only copied from is ' +
        'not reported). A cache or tmpfs mount on /var/lib/apt/lists (or /var/lib/apt) also keeps the lists out of the layer.\n\n' +
        '`whittle fix` appends `&& rm -rf /var/lib/apt/lists/*` to a RUN that also installs packages after the update ' +
        '(a RUN that only updates feeds a later RUN, which would break without the lists), and only when no later RUN ' +
        'of the image installs without updating first.',
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*',
      notes: 'hadolint also asks for a cache mount on /var/cache/apt next to one on /var/lib/apt; the lists are out of the layer either way, so whittle does not.',
    }),
  },
  check(context) {
    const df = context.dockerfile;
    for (const run of runInstructions(df)) {
      if (!shipsInFinalImage(df, run)) continue;
      const commands = packageCommandsIn(run);
      const update = commands.find((pc) => isAction(pc, ['apt-get', 'apt', 'aptitude'], 'update'));
      if (!update) continue;
      if (run.shell.commands.some((c) => removesPath(c, LISTS))) continue;
      if (hasUnlayeredMount(run, LISTS)) continue;
      const installsAfter = commands.some(
        (pc) => pc.command.range.start.offset > update.command.range.start.offset && isAction(pc, ['apt-get', 'apt', 'aptitude'], 'install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep'),
      );
      const edit = installsAfter && !laterRunNeedsLists(df, run) ? appendPoint(df, run, CLEANUP) : undefined;
      context.report({
        range: update.command.range,
        message: 'Delete the apt-get lists after installing something: add `rm -rf /var/lib/apt/lists/*` to this RUN.',
        ...(edit ? { fix: [edit] } : {}),
      });
    }
  },
};

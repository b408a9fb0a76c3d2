/** DL3015: apt-get install without --no-install-recommends. */
import type { Rule } from './types.js';
import { isAction, optionValues, packageCommands } from './util/packages.js';
import { builtOn, hasFlag, insertAfter, runInstructions } from './util/shell.js';
import { ruleDocs, SEEDS } from './util/shell-rule-docs.js';

/** `-o APT::Install-Recommends=false` (or 0, no) on the command line. */
const OPTION_OFF = /^APT::Install-Recommends=["']?(false|0|no|off)["']?$/i;
/** A RUN that writes `APT::Install-Recommends "false";` into apt's configuration turns recommends off for later RUNs. */
const CONFIG_OFF = /APT::Install-Recommends\s+["']?(false|0|no|off)/i;

export const aptNoInstallRecommends: Rule = {
  meta: {
    id: 'apt-no-install-recommends',
    aliases: ['DL3015'],
    severity: 'info',
    title: 'Use --no-install-recommends with apt-get install',
    practice:
      'apt installs "recommended" packages besides the ones asked for; they are rarely needed in a container and often ' +
      'add tens or hundreds of MB. `--no-install-recommends` installs only what was asked and its dependencies ' +
      '(seeds/004: apt installs recommended packages by default unless told not to).',
    source: `${SEEDS.imageDesign}, hadolint`,
    fixable: true,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `apt-get install` (and `apt install`) without `--no-install-recommends` or ' +
        '`-o APT::Install-Recommends=false`, unless an earlier RUN turned recommends off in apt\'s configuration. ' +
        '`whittle fix` inserts `--no-install-recommends` after `install`.',
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    }),
  },
  check(context) {
    const df = context.dockerfile;
    const configuredOff = runInstructions(df).filter((run) => CONFIG_OFF.test(run.text));
    for (const pc of packageCommands(df)) {
      if (!isAction(pc, ['apt-get', 'apt'], 'install')) continue;
      const options = optionValues(context, pc);
      if (hasFlag(options, '--no-install-recommends') || options.some((o) => OPTION_OFF.test(o))) continue;
      // A configuration written earlier in the same stage chain (or earlier in this RUN) applies.
      const configured = configuredOff.some(
        (run) => run.range.start.offset <= pc.run.range.start.offset && builtOn(df, pc.run.stageIndex, run.stageIndex),
      );
      if (configured) continue;
      context.report({
        range: pc.command.range,
        message: 'Avoid additional packages by specifying `--no-install-recommends`.',
        fix: [insertAfter(pc.actionWords.at(-1)!, '--no-install-recommends')],
      });
    }
  },
};


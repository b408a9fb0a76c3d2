/** A package index update must share its RUN with the install it serves, or the cached layer keeps a stale index. */
import type { TextEdit } from '../core/edits.js';
import type { Suggestion } from '../core/finding.js';
import type { Dockerfile, Instruction, RunInstruction } from '../dockerfile/model.js';
import type { Rule } from './types.js';
import type { PackageCommand } from './util/packages.js';
import { packageCommandsIn } from './util/packages.js';
import { onbuildTriggers, removeCommandEdits, runsAmong } from './util/seeds.js';

type Family = 'apt' | 'apk' | 'rpm' | 'zypper';

function familyOf(pc: PackageCommand): Family | undefined {
  switch (pc.manager) {
    case 'apt-get':
    case 'apt':
    case 'aptitude':
      return 'apt';
    case 'apk':
      return 'apk';
    case 'yum':
    case 'dnf':
    case 'microdnf':
      return 'rpm';
    case 'zypper':
      return 'zypper';
    default:
      return undefined;
  }
}

function isIndexUpdate(pc: PackageCommand): boolean {
  const family = familyOf(pc);
  if (family === 'apt' || family === 'apk') return pc.action === 'update';
  if (family === 'rpm') return pc.action === 'makecache';
  if (family === 'zypper') return pc.action === 'refresh';
  return false;
}

/** Actions that read the package index: the ones an update is for. */
function usesIndex(pc: PackageCommand): boolean {
  return !isIndexUpdate(pc) && !/^(clean|cache clean|autoclean|autoremove|remove|purge|del|erase|)$/.test(pc.action);
}

function servedIn(run: RunInstruction, family: Family): boolean {
  return packageCommandsIn(run).some((pc) => familyOf(pc) === family && usesIndex(pc));
}

/** Where a shell-form RUN's script starts in the file (after leading blanks). */
function scriptStart(run: RunInstruction): number | undefined {
  const form = run.command;
  if (form.form !== 'shell' || run.heredocs.length > 0) return undefined;
  const lead = /^\s*/.exec(form.script)![0].length;
  return form.toFileOffset(lead);
}

function mergeSuggestion(df: Dockerfile, run: RunInstruction, update: PackageCommand, target: RunInstruction | undefined): Suggestion | undefined {
  const removal = removeCommandEdits(df, run, update.command);
  if (!removal) return undefined;
  if (!target) return { description: `Remove "${update.command.text}": nothing installs after it`, edits: removal };
  const at = scriptStart(target);
  if (at === undefined) return undefined;
  const insert: TextEdit = { start: at, end: at, replacement: `${update.command.text} && ` };
  return { description: `Run "${update.command.text}" in the RUN that installs (line ${target.range.start.line})`, edits: [...removal, insert] };
}

function checkSequence(sequence: readonly Instruction[], report: (run: RunInstruction, pc: PackageCommand, target: RunInstruction | undefined) => void): void {
  const runs = runsAmong(sequence);
  runs.forEach((run, index) => {
    for (const pc of packageCommandsIn(run)) {
      if (!isIndexUpdate(pc)) continue;
      const family = familyOf(pc)!;
      if (servedIn(run, family)) continue;
      report(run, pc, runs.slice(index + 1).find((r) => servedIn(r, family)));
    }
  });
}

export const aptUpdateAlone: Rule = {
  meta: {
    id: 'apt-update-alone',
    aliases: [],
    severity: 'warning',
    title: 'Update the package index in the same RUN as the install',
    practice:
      'Docker caches a RUN by its text. A RUN that only updates the index is cached once and reused; when the install in a later RUN changes, it runs against that stale index and fails on removed versions or installs old ones (seeds/004: "consolidate any steps that are interdependent into a single RUN").',
    source: 'seeds/004',
    fixable: false,
    keywords: ['RUN'],
    docs: `Reports \`apt-get update\` / \`apt update\` (and \`apk update\`, \`yum makecache\`, \`dnf makecache\`, \`zypper refresh\`) in a RUN where no install, upgrade or other command of the same package manager uses the index it fetched. ONBUILD triggers are checked among themselves.

There is no automatic fix: moving a command between RUN instructions changes which layers are cached and can change what a RUN in between sees, so it is offered as a suggestion: the exact edit that removes the update and puts it in front of the next RUN that installs with the same manager (or removes it when nothing installs afterwards).

Bad:
\`\`\`Dockerfile
FROM ubuntu:24.04
RUN apt-get update
RUN apt-get install -y --no-install-recommends nginx
\`\`\`

Good:
\`\`\`Dockerfile
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*
\`\`\``,
  },
  check(context) {
    const df = context.dockerfile;
    const report = (run: RunInstruction, pc: PackageCommand, target: RunInstruction | undefined): void => {
      const suggestion = mergeSuggestion(df, run, pc, target);
      context.report({
        range: pc.command.range,
        message: target
          ? `"${pc.command.text}" runs without the install it serves: its cached layer keeps a stale index when the install on line ${target.range.start.line} changes. Update and install in the same RUN.`
          : `"${pc.command.text}" runs without any install after it: the index it fetches is only dead weight in the layer.`,
        suggestions: suggestion ? [suggestion] : [],
      });
    };
    for (const stage of df.stages) {
      checkSequence(stage.instructions.filter((i) => i.keyword !== 'ONBUILD'), report);
      checkSequence(onbuildTriggers(stage), report);
    }
  },
};

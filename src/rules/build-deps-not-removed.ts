/** Build-only packages installed in the final image must be removed in the same RUN, or they stay in its layer. */
import type { Suggestion } from '../core/finding.js';
import type { RunInstruction } from '../dockerfile/model.js';
import type { Rule } from './types.js';
import type { PackageCommand } from './util/packages.js';
import { packageCommandsIn } from './util/packages.js';
import { apkVirtualName, isSystemInstall, removedLaterInRun } from './util/seeds.js';
import { runInstructions, shipsInFinalImage } from './util/shell.js';

/** Headers, SDK meta-packages and `--virtual` groups: what the brief of the practice calls build deps. */
function isBuildDep(name: string): boolean {
  const n = name.toLowerCase().replace(/[=<>~].*$/, '');
  return /-(dev|devel)$/.test(n) || ['build-essential', 'build-base', 'alpine-sdk', 'musl-dev', 'linux-headers', 'libc-dev', 'libc6-dev'].includes(n);
}

function removalCommand(pc: PackageCommand, names: string[]): string | undefined {
  switch (pc.manager) {
    case 'apk':
      return `apk del --no-network ${names.join(' ')}`;
    case 'apt-get':
    case 'apt':
      return `apt-get purge -y --auto-remove ${names.join(' ')}`;
    case 'yum':
      return `yum remove -y ${names.join(' ')}`;
    case 'dnf':
      return `dnf remove -y ${names.join(' ')}`;
    case 'microdnf':
      return `microdnf remove -y ${names.join(' ')}`;
    case 'zypper':
      return `zypper remove -y ${names.join(' ')}`;
    default:
      return undefined;
  }
}

/** Appends ` && <command>` to the end of a shell-form RUN without heredocs. */
function appendToRun(run: RunInstruction, command: string): Suggestion | undefined {
  if (run.command.form !== 'shell' || run.heredocs.length > 0) return undefined;
  const top = run.shell.commands.filter((c) => c.depth === 0);
  const last = top[top.length - 1];
  if (!last || last.connectorAfter === '&' ) return undefined;
  const end = last.range.end.offset;
  return { description: `Remove them at the end of the same RUN: ${command}`, edits: [{ start: end, end, replacement: ` && ${command}` }] };
}

export const buildDepsNotRemoved: Rule = {
  meta: {
    id: 'build-deps-not-removed',
    aliases: [],
    severity: 'warning',
    title: 'Remove build-only packages in the RUN that installed them',
    practice:
      'A layer keeps everything its RUN leaves behind: build dependencies removed in a later RUN still weigh in the image. Install them, build, and remove them in one RUN (`apk add --virtual .build-deps ... && apk del .build-deps`), or build in a separate stage (seeds/002 measured an Alpine image going from about 400 MB to 176 MB this way).',
    source: 'seeds/002',
    fixable: false,
    keywords: ['RUN'],
    docs: `Reports an install of build-only packages in a stage that ships in the final image when the same RUN does not remove them: an \`apk add --virtual NAME\` group without \`apk del NAME\`, and \`*-dev\`, \`*-devel\`, \`build-essential\`, \`build-base\`, \`musl-dev\`, \`linux-headers\` packages without an \`apt-get purge\`/\`apk del\`/\`dnf remove\` of them later in the RUN. Removal is matched by name, and by the same variable (\`$buildDeps\`). Builder stages whose files are only copied from are not reported.

The suggestion appends the removal to the RUN. It is not applied automatically: \`--auto-remove\` also takes the libraries the -dev packages pulled in, and the program built may need them at run time (install the runtime library, e.g. \`libpq5\`, explicitly).

Bad:
\`\`\`Dockerfile
FROM python:3.12-alpine
COPY requirements.txt .
RUN apk add --no-cache --virtual .build-deps gcc musl-dev postgresql-dev && pip install -r requirements.txt
\`\`\`

Good:
\`\`\`Dockerfile
FROM python:3.12-alpine
COPY requirements.txt .
RUN apk add --no-cache --virtual .build-deps gcc musl-dev postgresql-dev \\
 && pip install -r requirements.txt \\
 && apk add --no-cache libpq \\
 && apk del .build-deps
\`\`\``,
  },
  check(context) {
    const df = context.dockerfile;
    for (const run of runInstructions(df)) {
      if (!shipsInFinalImage(df, run)) continue;
      for (const pc of packageCommandsIn(run)) {
        if (!isSystemInstall(pc)) continue;
        const removed = removedLaterInRun(run, pc.command);
        const virtual = apkVirtualName(pc);
        if (virtual) {
          if (removed.values.has(virtual)) continue;
          const suggestion = appendToRun(run, removalCommand(pc, [virtual])!);
          context.report({
            range: pc.command.range,
            message: `The build dependencies of the virtual package "${virtual}" are never removed in this RUN, so they stay in the layer. End the RUN with "apk del ${virtual}".`,
            suggestions: suggestion ? [suggestion] : [],
          });
          continue;
        }
        const deps = pc.packages.filter((p) => isBuildDep(p.value) && !removed.values.has(p.value) && !removed.values.has(p.raw));
        if (deps.length === 0) continue;
        const names = deps.map((d) => d.value.replace(/[=<>~].*$/, ''));
        const removal = removalCommand(pc, names);
        const suggestion = removal ? appendToRun(run, removal) : undefined;
        context.report({
          range: pc.command.range,
          message: `Build-only packages ${names.join(', ')} are installed and not removed in the same RUN, so they stay in the final image. Remove them at the end of this RUN${pc.manager === 'apk' ? ' (install them with --virtual .build-deps and apk del .build-deps)' : ''}, or build in a separate stage.`,
          suggestions: suggestion ? [suggestion] : [],
        });
      }
    }
  },
};

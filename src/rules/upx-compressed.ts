/** No UPX: packed binaries defeat layer and page-cache sharing and slow every start. */
import type { Rule } from './types.js';
import { isSystemInstall } from './util/seeds.js';
import { removeCommandEdits } from './util/seeds.js';
import { packageCommands } from './util/packages.js';
import { commandsOf, programName, stageOf } from './util/shell.js';

const UPX = /^(upx|upx-ucl|goupx)$/;

export const upxCompressed: Rule = {
  meta: {
    id: 'upx-compressed',
    aliases: [],
    severity: 'warning',
    title: 'Do not pack binaries with UPX',
    practice:
      'A UPX-packed binary is unpacked into memory at every start: it starts slower, its pages cannot be shared between containers through the page cache, and the compressed bytes gain little once layers are compressed anyway (seeds/001: "keep away").',
    source: 'seeds/001',
    fixable: false,
    keywords: ['RUN'],
    docs: `Reports \`upx\` (or \`upx-ucl\`, \`goupx\`) run in a RUN, and the \`upx\` package installed, in any stage that reaches the final image: a builder stage that packs the binary the final image copies counts too. Stages the final image never uses are left alone.

The suggestion removes the \`upx\` command (with its \`&&\`), or the whole RUN when it only runs UPX. It is not applied by \`whittle fix\`: the image grows by what UPX saved, which is the point, but it is a size change the user should see.

Bad:
\`\`\`Dockerfile
FROM golang:1.22 AS build
RUN go build -ldflags="-s -w" -o /app . && upx --best /app
FROM scratch
COPY --from=build /app /app
\`\`\`

Good:
\`\`\`Dockerfile
FROM golang:1.22 AS build
RUN go build -ldflags="-s -w" -o /app .
FROM scratch
COPY --from=build /app /app
\`\`\``,
  },
  check(context) {
    const df = context.dockerfile;
    const reaches = (stageIndex: number): boolean => {
      const stage = df.stages[stageIndex];
      return stage ? stage.reachesFinal : true;
    };
    for (const { run, command } of commandsOf(df, (r) => reaches(r.stageIndex))) {
      if (!UPX.test(programName(command))) continue;
      const edits = removeCommandEdits(df, run, command);
      context.report({
        range: command.range,
        message: `"${command.text.length > 60 ? `${command.text.slice(0, 57)}...` : command.text}" packs a binary with UPX: every start unpacks it into private memory (slower start, no page-cache sharing between containers). Ship it unpacked; strip it instead (-ldflags="-s -w", strip).`,
        suggestions: edits ? [{ description: 'Remove the upx command', edits }] : [],
      });
    }
    for (const pc of packageCommands(df)) {
      if (!isSystemInstall(pc) || !reaches(pc.run.stageIndex)) continue;
      for (const pkg of pc.packages) {
        if (!UPX.test(pkg.value.replace(/[=<>].*$/, ''))) continue;
        // The run that installs it usually also runs it: one finding is enough.
        if (pc.run.shell.commands.some((c) => UPX.test(programName(c)))) continue;
        const stage = stageOf(df, pc.run);
        context.report({
          range: pkg.range,
          message: `UPX is installed${stage?.name ? ` in stage "${stage.name}"` : ''}: packing binaries with it slows every start and defeats page-cache sharing. Leave binaries unpacked.`,
        });
      }
    }
  },
};

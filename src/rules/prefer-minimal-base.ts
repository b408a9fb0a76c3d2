/** The final image should start from a slim, alpine, distroless or scratch base rather than a full distribution. */
import type { Suggestion } from '../core/finding.js';
import type { Rule } from './types.js';
import { baseImageOf, finalStage, minimalVariants, switchImageEdit } from './util/seeds.js';

export const preferMinimalBase: Rule = {
  meta: {
    id: 'prefer-minimal-base',
    aliases: [],
    severity: 'info',
    title: 'Start the final image from a minimal base',
    practice:
      'Full distribution and language images carry compilers, headers and tools the application never runs with: bigger pulls, slower node start-up and more CVEs. Their slim, alpine or distroless variants run the same code (seeds/002 measured a Debian-based python image at over 1 GB against 155 MB for an Alpine multi-stage one; seeds/003 a node base 10 times smaller on alpine).',
    source: 'seeds/002',
    fixable: false,
    docs: `Reports the final image's base when it is a full distribution (\`ubuntu\`, \`debian\`, \`centos\`, \`fedora\` ...) or a full language image (\`python:3.12\`, \`node:20\`, \`golang\`, \`openjdk\`, \`ruby\`, \`php\` ...) that has a minimal variant. The base is judged after ARG expansion (\`FROM \${BASE}\`), and through stages: a final stage \`FROM\` an earlier stage is judged by the image that stage starts from. Builder stages are not reported: only the final image ships.

The suggestion carries the exact replacement (\`python:3.12\` → \`python:3.12-slim\`; \`node:20-bookworm\` → \`node:20-bookworm-slim\`; \`openjdk:17\` → \`eclipse-temurin:17-jre\`), written where the reference is (the FROM, or the ARG default it comes from). It is never applied by \`whittle fix\`: a slim image may lack a library the application loads, so run the image's tests after switching.

Bad:
\`\`\`Dockerfile
FROM python:3.12
COPY . /app
CMD ["python", "/app/main.py"]
\`\`\`

Good:
\`\`\`Dockerfile
FROM python:3.12-slim
COPY . /app
CMD ["python", "/app/main.py"]
\`\`\`

Also good (the full image only builds):
\`\`\`Dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
\`\`\``,
  },
  check(context) {
    const df = context.dockerfile;
    const final = finalStage(df);
    if (!final) return;
    const base = baseImageOf(df, final);
    if (!base) return;
    const { ref, image, stage } = base;
    const variants = minimalVariants(ref);
    if (variants.length === 0) return;
    const suggestions: Suggestion[] = [];
    // A digest pins the full image; the minimal one has another digest that only a registry can tell.
    for (const v of ref.digest ? [] : variants) {
      const edit = switchImageEdit(df, stage.from, ref, v);
      if (edit) suggestions.push({ description: `Use ${v.image}`, edits: [edit] });
    }
    const via = stage === final ? '' : ` (through stage "${stage.name ?? stage.index}")`;
    context.report({
      range: stage.from.imageRange,
      message: `The final image starts from the full image "${image}"${via}; a minimal base such as ${variants.map((v) => `"${v.image}"`).join(' or ')} ships far fewer packages: faster pulls and starts, fewer CVEs${ref.digest ? ' (pin it by its own digest)' : ''}.`,
      suggestions,
    });
  },
};

/** DL3065 / RedundantTargetPlatform: `FROM --platform=$TARGETPLATFORM` is the default. */
import type { Rule } from './types.js';

export const fromPlatformRedundant: Rule = {
  meta: {
    id: 'from-platform-redundant',
    aliases: ['DL3065', 'RedundantTargetPlatform'],
    severity: 'info',
    title: 'Drop FROM --platform=$TARGETPLATFORM',
    practice: 'A stage already builds for the target platform; spelling it out adds noise and suggests the flag does something.',
    source: 'hadolint, buildkit',
    fixable: true,
    docs: [
      'The fix removes the flag.',
      '',
      'Bad:',
      '```dockerfile',
      'FROM --platform=$TARGETPLATFORM alpine:3.20',
      '```',
      'Good (the fix):',
      '```dockerfile',
      'FROM alpine:3.20',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    for (const stage of df.stages) {
      const flag = stage.from.flags.find((f) => f.name.toLowerCase() === 'platform');
      const value = flag?.value?.replace(/^"(.*)"$/, '$1');
      if (!flag || (value !== '$TARGETPLATFORM' && value !== '${TARGETPLATFORM}')) continue;
      let end = flag.range.end.offset;
      while (end < df.text.length && (df.text[end] === ' ' || df.text[end] === '\t')) end++;
      context.report({
        range: flag.range,
        message: `Setting platform to predefined ${value} in FROM is redundant as this is the default behavior`,
        fix: [{ start: flag.range.start.offset, end, replacement: '' }],
      });
    }
  },
};

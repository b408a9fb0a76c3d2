/** BuildKit LegacyKeyValueFormat: `ENV key value` is deprecated in favour of `ENV key=value`. */
import type { KeyValue } from '../dockerfile/model.js';
import type { Rule } from './types.js';
import { withTriggers } from './util/stage-scope.js';

/** `key=value` with the same meaning as the legacy pair, or undefined when quoting would need care. */
function modernPair(pair: KeyValue, escape: string): string | undefined {
  const value = pair.rawValue.trim();
  if (!/\s/.test(value)) return `${pair.key}=${value}`;
  // The legacy value is one word including its spaces; double quotes keep them and change nothing else
  // as long as the value has no quotes or escapes of its own.
  if (value.includes('"') || value.includes("'") || value.includes(escape) || /[\r\n]/.test(value)) return undefined;
  return `${pair.key}="${value}"`;
}

export const legacyKeyValueFormat: Rule = {
  meta: {
    id: 'legacy-key-value-format',
    aliases: ['LegacyKeyValueFormat'],
    severity: 'warning',
    title: 'Use key=value in ENV and LABEL',
    practice: 'The space-separated `ENV key value` form is deprecated, takes one pair only and reads ambiguously; `key=value` is the documented form.',
    source: 'buildkit',
    fixable: true,
    keywords: ['ENV', 'LABEL'],
    docs: [
      'The fix writes `key=value`, adding double quotes when the value contains spaces. Values with quotes or escape',
      'characters of their own are reported without a fix.',
      '',
      'Bad:',
      '```dockerfile',
      'ENV APP_HOME /srv/app',
      '```',
      'Good (the fix):',
      '```dockerfile',
      'ENV APP_HOME=/srv/app',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    for (const instruction of withTriggers(df.instructions)) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'LABEL') continue;
      for (const pair of instruction.pairs) {
        if (!pair.legacy) continue;
        const replacement = pair.range.start.line === pair.range.end.line ? modernPair(pair, df.escape) : undefined;
        const keyword = instruction.rawKeyword.toUpperCase();
        context.report({
          range: pair.range,
          message: `"${keyword} key=value" should be used instead of legacy "${keyword} key value" format`,
          ...(replacement ? { fix: [{ start: pair.range.start.offset, end: pair.range.end.offset, replacement }] } : {}),
        });
      }
    }
  },
};

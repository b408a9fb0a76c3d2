/** CMD, ENTRYPOINT and HEALTHCHECK take effect once per stage: every earlier one is dead code (BuildKit MultipleInstructionsDisallowed). */
import type { RuleContext } from '../types.js';

export function reportOverridden(context: RuleContext, keyword: 'CMD' | 'ENTRYPOINT' | 'HEALTHCHECK'): void {
  for (const stage of context.dockerfile.stages) {
    const found = stage.instructions.filter((i) => i.keyword === keyword);
    const last = found[found.length - 1];
    if (!last) continue;
    for (const earlier of found.slice(0, -1)) {
      context.report({
        range: earlier.range.start.line === earlier.range.end.line ? earlier.range : earlier.keywordRange,
        message: `Multiple ${keyword} instructions in the same stage: only the last one (line ${last.range.start.line}) takes effect`,
      });
    }
  }
}

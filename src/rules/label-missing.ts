/** DL3049: labels the schema requires but an image does not carry. */
import type { Stage } from '../dockerfile/model.js';
import type { Rule } from './types.js';
import { ruleDocs } from './util/shell-rule-docs.js';

export const labelMissing: Rule = {
  meta: {
    id: 'label-missing',
    aliases: ['DL3049'],
    severity: 'info',
    title: 'Set every label the label schema requires',
    practice:
      'Labels such as version, source and maintainer are how registries, scanners and people trace an image back to ' +
      'its code and owner; a schema (`labelSchema` in .whittle.yaml, `label-schema` in .hadolint.yaml) lists the ones required.',
    source: 'hadolint',
    fixable: false,
    docs: ruleDocs({
      summary:
        'With `labelSchema` configured, reports at its FROM each image-producing stage (the final stage, and stages ' +
        'no other stage builds on or copies from) that does not set a label of the schema, directly or through the ' +
        'stage it is built on.',
      bad: '# labelSchema: { org.opencontainers.image.version: semver }\nFROM debian:12\nCMD ["bash"]',
      good: '# labelSchema: { org.opencontainers.image.version: semver }\nFROM debian:12\nLABEL org.opencontainers.image.version="1.4.2"\nCMD ["bash"]',
      notes: 'hadolint reports every stage not used by `COPY --from`; whittle reports the stages that can be built as images: the final stage and stages no other stage builds on or copies from.',
    }),
  },
  check(context) {
    const df = context.dockerfile;
    const required = Object.keys(context.config.labelSchema);
    if (required.length === 0) return;
    const used = new Set(df.stages.flatMap((s) => s.dependsOn));
    const labelsOf = new Map<number, Set<string>>();
    const labels = (stage: Stage): Set<string> => {
      const cached = labelsOf.get(stage.index);
      if (cached) return cached;
      const base = stage.baseStage !== undefined && stage.baseStage < stage.index ? df.stages[stage.baseStage] : undefined;
      const set = new Set(base ? labels(base) : []);
      for (const i of stage.instructions) if (i.keyword === 'LABEL') for (const p of i.pairs) set.add(p.key);
      labelsOf.set(stage.index, set);
      return set;
    };
    for (const stage of df.stages) {
      if (!stage.isFinal && used.has(stage.index)) continue;
      const have = labels(stage);
      for (const key of required) {
        if (have.has(key)) continue;
        context.report({ range: stage.from.range, message: `Label \`${key}\` is missing.` });
      }
    }
  },
};

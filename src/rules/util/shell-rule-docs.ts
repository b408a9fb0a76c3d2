/** Builds the markdown docs of the RUN and label rules: what and why, then a bad and a good example. */
export function ruleDocs(parts: { summary: string; bad: string; good: string; notes?: string }): string {
  const fence = '```';
  // Plain "Bad:" / "Good:" labels, as the other rules write them: the catalogue gives each rule a `##` heading.
  const out = [parts.summary.trim(), '', 'Bad:', `${fence}dockerfile`, parts.bad.trim(), fence, '', 'Good:', `${fence}dockerfile`, parts.good.trim(), fence];
  if (parts.notes) out.push('', `Note: ${parts.notes.trim()}`);
  return `${out.join('\n')}\n`;
}

/** The seed documents the practices come from (see /work/shared/seeds). */
export const SEEDS = {
  /** Layer count: every RUN, COPY and FROM adds a layer and build time. */
  layers: 'seeds/000',
  /** apt lists removal, --no-install-recommends-style slim installs, apk --no-cache, multi-stage. */
  pythonImages: 'seeds/002',
  /** Small images on Kubernetes: Alpine, `apk --no-cache`. */
  smallImages: 'seeds/003',
  /** Chaining commands in one RUN, removing apt lists, --no-install-recommends. */
  imageDesign: 'seeds/004',
} as const;

/** The stage graph: names, FROM <stage>, COPY --from, RUN --mount=from=, and what reaches the final image. */
import type { Dockerfile, FromInstruction, Instruction, Stage } from './model.js';
import { expandWord, variablesAt } from './variables.js';

/** Index of an earlier stage named (or numbered, when allowed) by `ref`. */
function resolveStage(stages: readonly Stage[], ref: string, before: number, allowIndex: boolean): number | undefined {
  if (allowIndex && /^\d+$/.test(ref)) {
    const n = Number(ref);
    return n < before ? n : undefined;
  }
  const name = ref.toLowerCase();
  for (let i = before - 1; i >= 0; i--) if (stages[i]!.name === name) return i;
  return undefined;
}

export function buildStages(df: Dockerfile, buildArgs: Record<string, string>): Stage[] {
  const stages: Stage[] = [];
  for (const ins of df.instructions) {
    if (ins.keyword === 'FROM') {
      const from = ins as FromInstruction;
      from.imageExpanded = from.image.includes('$') ? expandWord(from.image, variablesAt(df, from, buildArgs)).value : from.image;
      const stage: Stage = {
        index: stages.length,
        from,
        baseImage: from.imageExpanded,
        instructions: [],
        dependsOn: [],
        isFinal: false,
        reachesFinal: false,
        inFinalImage: false,
      };
      if (from.stageName !== undefined) stage.name = from.stageName.toLowerCase();
      stages.push(stage);
    } else if (ins.stageIndex >= 0) {
      stages[ins.stageIndex]!.instructions.push(ins);
    }
  }
  df.stages = stages;

  for (const stage of stages) {
    const deps = new Set<number>();
    const base = resolveStage(stages, stage.baseImage, stage.index, false);
    if (base !== undefined) {
      stage.baseStage = base;
      deps.add(base);
    }
    const expand = (word: string, ins: Instruction): string => {
      if (!word.includes('$')) return word;
      return expandWord(word, variablesAt(df, ins, buildArgs)).value;
    };
    for (const ins of stage.instructions) {
      const refs: string[] = [];
      if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && ins.from !== undefined) refs.push(ins.from);
      if (ins.keyword === 'RUN') for (const m of ins.mounts) if (m.from !== undefined) refs.push(m.from);
      for (const ref of refs) {
        const dep = resolveStage(stages, expand(ref, ins), stage.index, true);
        if (dep !== undefined) deps.add(dep);
      }
    }
    stage.dependsOn = [...deps].sort((a, b) => a - b);
  }

  const final = stages[stages.length - 1];
  if (final) {
    final.isFinal = true;
    const queue = [final.index];
    while (queue.length) {
      const s = stages[queue.pop()!]!;
      if (s.reachesFinal) continue;
      s.reachesFinal = true;
      queue.push(...s.dependsOn);
    }
    let s: Stage | undefined = final;
    while (s && !s.inFinalImage) {
      s.inFinalImage = true;
      s = s.baseStage !== undefined ? stages[s.baseStage] : undefined;
    }
  }
  return stages;
}

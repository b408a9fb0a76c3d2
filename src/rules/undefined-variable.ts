/** BuildKit UndefinedVar: a variable BuildKit expands (in COPY, ENV, WORKDIR ...) that nothing defines. */
import type { Instruction } from '../dockerfile/model.js';
import type { Rule } from './types.js';
import { didYouMean } from './util/did-you-mean.js';
import { isScratch } from './util/images.js';
import { declaredNamesBefore, PLATFORM_ARGS, stageChain } from './util/stage-scope.js';
import { variableRefs } from './util/var-refs.js';

/** Variables base images commonly set: never reported (their value comes from the image), but typo targets. */
const COMMON_ENV = ['PATH', 'HOME', 'HOSTNAME', 'LANG', 'LANGUAGE', 'LC_ALL', 'TERM', 'USER', 'PWD', 'SHELL', 'TZ'];

/** The words of an instruction that BuildKit expands itself (RUN, CMD, ENTRYPOINT, HEALTHCHECK go to the shell unexpanded). */
function expandedWords(instruction: Instruction): string[] {
  switch (instruction.keyword) {
    case 'COPY':
    case 'ADD':
      return [
        ...instruction.sources.filter((s) => !s.startsWith('<<')),
        instruction.destination,
        ...instruction.flags.filter((f) => ['chown', 'chmod', 'from'].includes(f.name.toLowerCase()) && f.value).map((f) => f.value!),
      ];
    case 'ENV':
      return instruction.pairs.map((p) => p.rawValue);
    case 'LABEL':
      return instruction.pairs.flatMap((p) => [p.key, p.rawValue]);
    case 'ARG':
      return instruction.declarations.flatMap((d) => (d.defaultValue !== undefined ? [d.defaultValue] : []));
    case 'EXPOSE':
      return instruction.ports;
    case 'USER':
      return [instruction.user];
    case 'WORKDIR':
      return [instruction.path];
    case 'VOLUME':
      return instruction.paths;
    case 'STOPSIGNAL':
      return [instruction.signal];
    default:
      return [];
  }
}

export const undefinedVariable: Rule = {
  meta: {
    id: 'undefined-variable',
    aliases: ['UndefinedVar'],
    severity: 'warning',
    title: 'Define variables before using them',
    practice:
      'An undefined variable expands to an empty string without an error, so `COPY app-$VERSION.jar` quietly copies the wrong path. The classic case: a global ARG used inside a stage without re-declaring it there.',
    source: 'buildkit',
    fixable: false,
    docs: [
      'Judges the instructions BuildKit expands itself (COPY, ADD, ENV, LABEL, ARG, EXPOSE, USER, WORKDIR, VOLUME,',
      'STOPSIGNAL). whittle cannot see the base image\'s environment, which BuildKit can, so it reports only what is',
      'certain or likely: a global ARG, platform ARG or ARG of a parent stage not re-declared in the stage, any undefined variable in a stage',
      'built on `scratch`, and a name one or two letters away from a defined one (a typo). `${VAR:-default}` and the',
      'other forms with an explicit fallback are not reported.',
      '',
      'Bad:',
      '```dockerfile',
      'ARG VERSION=1.4.2',
      'FROM eclipse-temurin:21-jre',
      'COPY app-$VERSION.jar /app.jar',
      '```',
      'Good:',
      '```dockerfile',
      'ARG VERSION=1.4.2',
      'FROM eclipse-temurin:21-jre',
      'ARG VERSION',
      'COPY app-$VERSION.jar /app.jar',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    const globals = new Set(df.globalArgs.flatMap((a) => a.declarations.map((d) => d.name)));
    for (const stage of df.stages) {
      const chain = stageChain(df, stage);
      const fromScratch = isScratch(chain[0]!.baseImage);
      // ARGs of the stages this one builds on end with their stage: a common surprise. Worked out when first needed.
      let ancestorArgs: Set<string> | undefined;
      const ancestorArg = (name: string): boolean => {
        ancestorArgs ??= new Set(
          chain.slice(0, -1).flatMap((s) => s.instructions.flatMap((i) => (i.keyword === 'ARG' ? i.declarations.map((d) => d.name) : []))),
        );
        return ancestorArgs.has(name);
      };
      for (const instruction of stage.instructions) {
        const words = expandedWords(instruction).filter((w) => w.includes('$'));
        if (words.length === 0) continue;
        const declared = declaredNamesBefore(df, instruction);
        if (instruction.keyword === 'ENV') for (const p of instruction.pairs) declared.add(p.key);
        if (instruction.keyword === 'ARG') for (const d of instruction.declarations) declared.add(d.name);
        const reported = new Set<string>();
        for (const word of words) {
          for (const ref of variableRefs(word, df.escape)) {
            const name = ref.name;
            if (ref.hasModifier || declared.has(name) || reported.has(name)) continue;
            let hint: string | undefined;
            if (globals.has(name)) hint = `the global ARG ${name} is not in scope in a stage until it is re-declared: add \`ARG ${name}\``;
            else if (ancestorArg(name)) hint = `an ARG ends with its stage and ${name} was declared in a stage this one builds on: add \`ARG ${name}\``;
            else if (PLATFORM_ARGS.includes(name)) hint = `the platform ARG ${name} needs \`ARG ${name}\` in the stage`;
            else if (COMMON_ENV.includes(name) && !fromScratch) continue;
            else {
              const suggestion = didYouMean(name, [...declared, ...COMMON_ENV]);
              if (suggestion) hint = `did you mean $${suggestion}?`;
              else if (!fromScratch) continue;
            }
            reported.add(name);
            context.report({
              range: instruction.argsRange,
              message: `Usage of undefined variable '$${name}'${hint ? ` (${hint})` : ''}`,
            });
          }
        }
      }
    }
  },
};

/** BuildKit InvalidDefinitionDescription (experimental): a comment right above FROM ... AS / ARG describes it, starting with its name. */
import type { Dockerfile, Instruction } from '../dockerfile/model.js';
import type { Rule } from './types.js';
import { lineText } from './util/text-locate.js';

/** The comment lines directly above an instruction (no blank line or empty `#` between), nearest last. */
function commentsAbove(df: Dockerfile, instruction: Instruction, commentLines: ReadonlyMap<number, string>): string[] {
  const out: string[] = [];
  for (let line = instruction.range.start.line - 1; line >= 1; line--) {
    const text = commentLines.get(line);
    if (text === undefined || text.trim() === '' || lineText(df, line).trim() === '') break;
    out.unshift(text.trim());
  }
  return out;
}

export const definitionDescriptionFormat: Rule = {
  meta: {
    id: 'definition-description-format',
    aliases: ['InvalidDefinitionDescription'],
    severity: 'info',
    optIn: true,
    title: 'Start a stage or ARG description comment with its name',
    practice:
      '`docker build --call=outline` and `--call=targets` show the comment right above a FROM ... AS or ARG as its description when it starts with the name; other comments there are shown as garbage descriptions.',
    source: 'buildkit',
    fixable: false,
    docs: [
      'Experimental in BuildKit and off by default here too: enable with `severityOverrides: { InvalidDefinitionDescription: info }`.',
      'If the comment is not meant as a description, leave an empty line between it and the instruction.',
      '',
      'Bad:',
      '```dockerfile',
      '# a non-descriptive comment',
      'FROM scratch AS base',
      '```',
      'Good:',
      '```dockerfile',
      '# base is the empty image the binary is copied into',
      'FROM scratch AS base',
      '```',
    ].join('\n'),
  },
  check(context) {
    const df = context.dockerfile;
    const inside = (line: number): boolean => df.instructions.some((i) => i.range.start.line <= line && line <= i.range.end.line);
    const commentLines = new Map<number, string>();
    for (const c of df.comments) if (!inside(c.range.start.line)) commentLines.set(c.range.start.line, c.text);
    for (const instruction of df.instructions) {
      let names: string[];
      let kind: string;
      if (instruction.keyword === 'FROM' && instruction.stageName) {
        names = [instruction.stageName, instruction.stageName.toLowerCase()];
        kind = 'FROM';
      } else if (instruction.keyword === 'ARG' && instruction.declarations.length > 0) {
        names = instruction.declarations.map((d) => d.name);
        kind = 'ARG';
      } else continue;
      const comments = commentsAbove(df, instruction, commentLines);
      const nearest = comments[comments.length - 1];
      if (nearest === undefined || names.includes(nearest.split(' ')[0]!)) continue;
      const example = kind === 'ARG' && names.length > 1 ? '<arg_key>' : names[names.length - 1]!;
      context.report({
        range: instruction.keywordRange,
        message: `Comment for ${kind} should follow the format: \`# ${example} <description>\` (or leave an empty line between comment and instruction)`,
      });
    }
  },
};

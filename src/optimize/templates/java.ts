/** java: the template lands in the next commit; until then the optimizer refuses this stack with a clear reason. */
import type { TemplateInput, TemplateOutput } from '../common.js';

export function javaTemplate(input: TemplateInput): TemplateOutput {
  return { dockerfile: '', changes: [], problems: [`whittle optimize has no ${input.stack.stack} template yet`] };
}

/** Every rule whittle runs. Each set is owned by one file so rules can be added without touching the others. */
import type { Rule } from './types.js';
import { structureRules } from './sets/structure.js';
import { shellRules } from './sets/shell.js';
import { seedRules } from './sets/seeds.js';

export const allRules: readonly Rule[] = [...structureRules, ...shellRules, ...seedRules];

export function findRule(idOrAlias: string): Rule | undefined {
  const key = idOrAlias.toLowerCase();
  return allRules.find((r) => r.meta.id === key || r.meta.aliases.some((a) => a.toLowerCase() === key));
}

import type { Rule } from '../types.js';

export const structureRules: readonly Rule[] = [];

import type { Rule } from '../types.js';

export const seedRules: readonly Rule[] = [];

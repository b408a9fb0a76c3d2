import type { Rule } from '../types.js';

export const shellRules: readonly Rule[] = [];

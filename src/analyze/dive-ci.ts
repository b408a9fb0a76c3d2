/**
 * dive's CI rules file (`.dive-ci`): `rules: { lowestEfficiency, highestWastedBytes, highestUserWastedPercent }`.
 * Values may be `disabled`. highestWastedBytes takes sizes like dive does (`20MB`, `1.5GiB`, a byte count).
 */
import { parse } from 'yaml';
import { ConfigError } from '../core/errors.js';
import { parseSize } from '../config/sizes.js';
import type { Budget } from './budgets.js';

export function parseDiveCi(text: string, file: string): Budget[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    const pos = (err as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    throw new ConfigError(`not valid YAML: ${(err as Error).message.split('\n')[0]}`, file, pos?.line, pos?.col);
  }
  const rules = (doc as { rules?: Record<string, unknown> } | null)?.rules;
  if (rules === undefined || rules === null) return [];
  if (typeof rules !== 'object') throw new ConfigError('`rules` must be a mapping', file);
  const out: Budget[] = [];
  const num = (key: string, value: unknown, max?: number): number | null => {
    if (value === 'disabled' || value === undefined || value === null) return null;
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    if (!Number.isFinite(n) || n < 0 || (max !== undefined && n > max)) throw new ConfigError(`rules.${key}: expected a number${max !== undefined ? ` between 0 and ${max}` : ''} or "disabled", got ${JSON.stringify(value)}`, file);
    return n;
  };
  for (const [key, value] of Object.entries(rules)) {
    if (key === 'lowestEfficiency') {
      const n = num(key, value, 1);
      if (n !== null) out.push({ name: 'dive-lowest-efficiency', limit: n, source: file });
    } else if (key === 'highestUserWastedPercent') {
      const n = num(key, value, 1);
      if (n !== null) out.push({ name: 'dive-highest-user-wasted-percent', limit: n, source: file });
    } else if (key === 'highestWastedBytes') {
      if (value === 'disabled' || value === null) continue;
      const n = parseSize(value as string | number);
      if (n === null) throw new ConfigError(`rules.highestWastedBytes: expected a size like 20MB or "disabled", got ${JSON.stringify(value)}`, file);
      out.push({ name: 'dive-highest-wasted-bytes', limit: n, source: file });
    } else {
      throw new ConfigError(`unknown rule ${JSON.stringify(key)} (known: lowestEfficiency, highestWastedBytes, highestUserWastedPercent)`, file);
    }
  }
  return out;
}

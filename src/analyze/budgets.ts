/**
 * Budgets: limits a report must stay within (from flags, `.whittle.yaml`'s inspect section, or `.dive-ci`).
 * Any broken budget makes `whittle inspect` exit 1. `.dive-ci` rules compare with dive's own figures, so a
 * pipeline moving from dive keeps the same verdicts.
 */
import type { BudgetResult, InspectReport } from '../report/inspect/model.js';

export interface Budget {
  name: 'max-size' | 'max-layers' | 'min-efficiency' | 'max-wasted' | 'forbid-root' | 'forbid-shell' | 'dive-lowest-efficiency' | 'dive-highest-wasted-bytes' | 'dive-highest-user-wasted-percent';
  limit: number | boolean;
  source: string;
}

type Report = Omit<InspectReport, 'budgets'>;

/** Each budget is a measure of the report and how it compares with the limit: at most, at least, or forbidden when set. */
const BUDGETS: Record<Budget['name'], { measure(report: Report): number | boolean; kind: 'max' | 'min' | 'forbid' }> = {
  'max-size': { measure: (r) => r.image.sizeBytes, kind: 'max' },
  'max-layers': { measure: (r) => r.image.layerCount, kind: 'max' },
  'min-efficiency': { measure: (r) => r.efficiency, kind: 'min' },
  'max-wasted': { measure: (r) => r.wastedBytes, kind: 'max' },
  'forbid-root': { measure: (r) => r.surface.root, kind: 'forbid' },
  'forbid-shell': { measure: (r) => r.surface.shells.length > 0, kind: 'forbid' },
  'dive-lowest-efficiency': { measure: (r) => r.dive.efficiency, kind: 'min' },
  'dive-highest-wasted-bytes': { measure: (r) => r.dive.wastedBytes, kind: 'max' },
  'dive-highest-user-wasted-percent': { measure: (r) => r.dive.userWastedPercent, kind: 'max' },
};

export function evaluateBudgets(report: Report, budgets: readonly Budget[]): BudgetResult[] {
  return budgets.map((b) => {
    const { measure, kind } = BUDGETS[b.name];
    const actual = measure(report);
    const passed =
      kind === 'forbid' ? !(b.limit && actual) : kind === 'max' ? (actual as number) <= (b.limit as number) : (actual as number) >= (b.limit as number);
    return { budget: b.name, limit: b.limit, actual, passed, source: b.source };
  });
}

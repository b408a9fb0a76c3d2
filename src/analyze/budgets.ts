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

export function evaluateBudgets(report: Omit<InspectReport, 'budgets'>, budgets: readonly Budget[]): BudgetResult[] {
  return budgets.map((b) => {
    let actual: number | boolean;
    let passed: boolean;
    switch (b.name) {
      case 'max-size':
        actual = report.image.sizeBytes;
        passed = actual <= (b.limit as number);
        break;
      case 'max-layers':
        actual = report.image.layerCount;
        passed = actual <= (b.limit as number);
        break;
      case 'min-efficiency':
        actual = report.efficiency;
        passed = actual >= (b.limit as number);
        break;
      case 'max-wasted':
        actual = report.wastedBytes;
        passed = actual <= (b.limit as number);
        break;
      case 'forbid-root':
        actual = report.surface.root;
        passed = !(b.limit && actual);
        break;
      case 'forbid-shell':
        actual = report.surface.shells.length > 0;
        passed = !(b.limit && actual);
        break;
      case 'dive-lowest-efficiency':
        actual = report.dive.efficiency;
        passed = actual >= (b.limit as number);
        break;
      case 'dive-highest-wasted-bytes':
        actual = report.dive.wastedBytes;
        passed = actual <= (b.limit as number);
        break;
      case 'dive-highest-user-wasted-percent':
        actual = report.dive.userWastedPercent;
        passed = actual <= (b.limit as number);
        break;
    }
    return { budget: b.name, limit: b.limit, actual, passed, source: b.source };
  });
}

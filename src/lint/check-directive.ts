/**
 * BuildKit's `# check=skip=<names>|all;error=<bool>` parser directive: the checks it skips are not reported by
 * whittle's rule of the same BuildKit name either, so a file that silences a check for `docker build` stays silent here.
 */
import type { Dockerfile } from '../dockerfile/model.js';
import type { Rule } from '../rules/types.js';

export interface CheckDirective {
  /** Lower-cased check names to skip. */
  skip: Set<string>;
  /** `skip=all`: every rule that implements a BuildKit check. */
  skipAll: boolean;
}

export function readCheckDirective(df: Dockerfile): CheckDirective {
  const skip = new Set<string>();
  let skipAll = false;
  for (const directive of df.directives) {
    if (directive.name !== 'check') continue;
    for (const part of directive.value.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0 || part.slice(0, eq).trim().toLowerCase() !== 'skip') continue;
      for (const name of part.slice(eq + 1).split(',')) {
        const n = name.trim().toLowerCase();
        if (n === 'all') skipAll = true;
        else if (n) skip.add(n);
      }
    }
  }
  return { skip, skipAll };
}

/** Whether a rule is skipped by the directive: named by one of its aliases, or `all` and it implements a BuildKit check. */
export function skippedByCheckDirective(rule: Rule, directive: CheckDirective): boolean {
  if (directive.skipAll && /buildkit/i.test(rule.meta.source)) return true;
  return rule.meta.aliases.some((a) => directive.skip.has(a.toLowerCase()));
}

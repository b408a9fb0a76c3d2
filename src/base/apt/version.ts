/**
 * Debian version ordering, as dpkg implements it (lib/dpkg/version.c: dpkg_version_compare and verrevcmp).
 * Written by hand because it is 40 lines and must match dpkg exactly; the npm packages that do this are
 * unmaintained or get `~` and empty revisions wrong.
 */

export interface DebianVersion {
  epoch: number;
  upstream: string;
  /** '' when the version has no `-` (dpkg compares it as '0'-equivalent). */
  revision: string;
}

/** Splits `epoch:upstream-revision`: the epoch before the first `:`, the revision after the last `-`. */
export function parseVersion(version: string): DebianVersion {
  const text = version.trim();
  const colon = text.indexOf(':');
  let epoch = 0;
  let rest = text;
  if (colon >= 0) {
    const epochText = text.slice(0, colon);
    epoch = /^\d+$/.test(epochText) ? Number(epochText) : 0;
    rest = text.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  if (dash < 0) return { epoch, upstream: rest, revision: '' };
  return { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) };
}

/** dpkg's syntax check (parseversion): a digit first in upstream, only the allowed characters. */
export function isValidVersion(version: string): boolean {
  const { upstream, revision } = parseVersion(version);
  const colon = version.indexOf(':');
  if (colon >= 0 && !/^\d+$/.test(version.slice(0, colon).trim())) return false;
  if (!/^[0-9]/.test(upstream)) return false;
  if (!/^[A-Za-z0-9.+~:-]*$/.test(upstream)) return false;
  return /^[A-Za-z0-9.+~]*$/.test(revision) && !(version.includes('-') && revision === '');
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** dpkg's order(): digits sort as 0 (end of a non-digit run), letters first, then `~` lowest, others after letters. */
function order(c: number): number {
  if (Number.isNaN(c) || isDigit(c)) return 0;
  if (isAlpha(c)) return c;
  if (c === 126) return -1; // '~' sorts before everything, even the end of the string
  return c + 256;
}

/** dpkg's verrevcmp: alternating non-digit and digit runs. */
export function compareFragment(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = order(a.charCodeAt(i));
      const bc = order(b.charCodeAt(j));
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a.charCodeAt(i) === 48) i++;
    while (b.charCodeAt(j) === 48) j++;
    while (isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a.charCodeAt(i))) return 1;
    if (isDigit(b.charCodeAt(j))) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

/** Negative when a sorts before b, 0 when dpkg treats them as equal, positive after. */
export function compareVersions(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (va.epoch !== vb.epoch) return va.epoch - vb.epoch;
  const upstream = compareFragment(va.upstream, vb.upstream);
  if (upstream !== 0) return upstream;
  return compareFragment(va.revision, vb.revision);
}

export type VersionOperator = '<<' | '<=' | '=' | '>=' | '>>';

/** Whether `version op reference` holds (`<` and `>` are the deprecated spellings of `<=` and `>=`). */
export function satisfiesVersion(version: string, op: VersionOperator, reference: string): boolean {
  const c = compareVersions(version, reference);
  switch (op) {
    case '<<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '=':
      return c === 0;
    case '>=':
      return c >= 0;
    case '>>':
      return c > 0;
  }
}

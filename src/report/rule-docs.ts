/**
 * Where each rule's documentation lives: the generated catalogue (docs/rules.md, shipped with the package), one
 * anchor per rule id. It is addressed as a file URL of the installed copy, so the link works offline and never
 * points at a host the project does not control. WHITTLE_DOCS_URL overrides it (e.g. a team's internal mirror).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return dirname(fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const RULES_DOC_URL = process.env.WHITTLE_DOCS_URL ?? pathToFileURL(join(packageRoot(), 'docs', 'rules.md')).href;

export function ruleDocsUrl(id: string): string {
  return `${RULES_DOC_URL}#${id}`;
}

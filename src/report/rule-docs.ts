/** Where each rule's documentation lives: the generated catalogue, one anchor per rule id. */
export const RULES_DOC_URL = 'https://github.com/whittle-dev/whittle/blob/main/docs/rules.md';

export function ruleDocsUrl(id: string): string {
  return `${RULES_DOC_URL}#${id}`;
}

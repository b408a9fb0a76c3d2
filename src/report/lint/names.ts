/** The lint format names, apart from the formatters so the CLI can list them without loading them. */
export const LINT_FORMAT_NAMES = ['text', 'json', 'sarif', 'github', 'junit', 'checkstyle'] as const;

export type LintFormatName = (typeof LINT_FORMAT_NAMES)[number];

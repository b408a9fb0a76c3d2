/**
 * POSIX shell quoting for the printed commands. Written here because it is four lines: a word made only of
 * characters no shell treats specially stays bare, anything else goes in single quotes (where nothing is
 * special) with each `'` written as `'\''`. The result pastes into sh, bash and zsh and means the argv given.
 */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(word: string): string {
  // A leading = is path expansion in zsh (=ls), so such a word is quoted too.
  if (word !== '' && SAFE_WORD.test(word) && !word.startsWith('=')) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

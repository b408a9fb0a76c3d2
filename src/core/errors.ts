/** Documented exit codes: 0 clean, 1 findings at or above the threshold (or a broken budget), 2 usage, input or internal error. */
export const ExitCode = { Ok: 0, Findings: 1, Error: 2 } as const;

/**
 * An error the user can act on: printed as one line `file:line:column: message`, never with a stack
 * (unless --debug). Anything else that escapes is a bug and also exits 2.
 */
export class WhittleError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
    readonly exitCode: number = ExitCode.Error,
  ) {
    super(message);
    this.name = 'WhittleError';
  }

  /** One line: `file:line:column: message`, leaving out the parts that are unknown. */
  format(): string {
    const where = [this.file, this.line, this.column].filter((p) => p !== undefined).join(':');
    return where ? `${where}: ${this.message}` : this.message;
  }
}

/** The input is not what it claims to be (not a Dockerfile, a corrupt or hostile archive, a digest mismatch). */
export class InputError extends WhittleError {
  override name = 'InputError';
}

/** A configuration file or command-line option is wrong. */
export class ConfigError extends WhittleError {
  override name = 'ConfigError';
}

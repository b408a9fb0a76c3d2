/** With no file arguments, whittle looks for the Dockerfile a `docker build .` in this folder would use. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';

export function defaultInputs(files: readonly string[], cwd: string): string[] {
  if (files.length) return [...files];
  for (const name of ['Dockerfile', 'Containerfile']) if (existsSync(join(cwd, name))) return [name];
  throw new ConfigError('no Dockerfile given and none in the current folder (try: whittle lint path/to/Dockerfile)');
}

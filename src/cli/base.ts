/** `whittle base [SPEC]`: compose a minimal, reproducible base image from Debian packages (distroless-style, no daemon). */
import { Option } from 'commander';
import type { BaseCliOptions } from '../base/action.js';
import type { CommandRegistrar } from './runtime.js';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const registerBase: CommandRegistrar = (program, runtime) => {
  const command = program
    .command('base')
    .description('compose a minimal, reproducible base image from Debian packages (no Dockerfile, no daemon, no root)')
    .argument('[spec]', 'whittle-base.yaml (default: ./whittle-base.yaml unless --preset)')
    .option('--preset <name>', 'build a preset instead of a spec file (see --list-presets)')
    .option('--add <package>', 'add a package on top of the spec or preset, in its last layer (repeatable)', collect)
    .option('-o, --output <target>', 'oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:NAME:TAG], or a registry reference HOST/REPO:TAG')
    .option('--lock <file>', 'lock file (default: whittle-base.lock next to the spec); built exactly when it matches the spec')
    .option('--update', 'resolve again and rewrite the lock file')
    .option('--offline', 'use only cached package indexes and .debs')
    .option('--sbom <file>', 'write a CycloneDX SBOM of the packages inside')
    .option('--arch <arch>', 'Debian architecture (repeatable; several make a multi-platform index); default: the spec, else this machine', collect)
    .option('--cache-dir <dir>', 'cache of indexes and .debs (default: $XDG_CACHE_HOME/whittle)')
    .addOption(new Option('--compression <kind>', 'layer compression').choices(['gzip', 'zstd']).default('gzip'))
    .option('--insecure', 'registry output over plain HTTP / without TLS verification')
    .option('--list-presets', 'list the presets and exit')
    .option('--show-preset <name>', 'print a preset (a spec to copy) and exit')
    .option('-q, --quiet', 'print only the digest')
    .action(async (spec: string | undefined, options: BaseCliOptions) => {
      const { baseAction } = await import('../base/action.js');
      await baseAction(spec, options, runtime);
    });
  void command;
};

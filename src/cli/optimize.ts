/** `whittle optimize [DOCKERFILE]`: rewrite a Dockerfile into a multi-stage build on minimal bases (diff, explanation, --write). */
import { Option } from 'commander';
import type { OptimizeCliOptions } from '../optimize/action.js';
import type { CommandRegistrar } from './runtime.js';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const registerOptimize: CommandRegistrar = (program, runtime) => {
  const command = program
    .command('optimize')
    .description('rewrite a Dockerfile into a multi-stage build on minimal bases: prints a diff and why each change helps; --write applies it')
    .argument('[dockerfile]', 'the Dockerfile to optimize', 'Dockerfile')
    .option('--context <dir>', "build context folder (default: the Dockerfile's folder)")
    .option('--write', 'write the optimized Dockerfile (or --output) and a .dockerignore, atomically')
    .option('-o, --output <file>', 'with --write: write the optimized Dockerfile here instead of over the original')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--base-runtime <image>', 'runtime base image (facts from the bases: catalogue, or inferred from the name)')
    .option('--base-builder <image>', 'builder base image')
    .addOption(new Option('--stack <stack>', 'the stack, instead of detecting it').choices(['go', 'python', 'node', 'java', 'rust']))
    .addOption(new Option('--engine <engine>', 'the engine that will build it: buildkit gets cache mounts; buildah and any do not').choices(['buildkit', 'buildah', 'any']).default('any'))
    .option('-c, --config <file>', 'read this config file (its bases: catalogue) instead of searching for .whittle.yaml')
    .option('--build-arg <key=value>', 'value for an ARG, as docker build --build-arg (repeatable)', collect)
    .addHelpText('after', '\nExit codes: 0 optimized (written with --write), 1 cannot optimize safely (reasons printed, nothing changed), 2 bad input.')
    .action(async (dockerfile: string, options: OptimizeCliOptions) => {
      const { optimizeAction } = await import('../optimize/action.js');
      await optimizeAction(dockerfile, options, runtime);
    });
  void command;
};

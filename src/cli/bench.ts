/** `whittle bench BEFORE [AFTER]`: build with a real engine and measure (size, builds, push/pull, contents, smoke test). */
import { Option } from 'commander';
import { ENGINE_NAMES } from '../engine/types.js';
import type { BenchCliOptions } from '../bench/action.js';
import type { CommandRegistrar } from './runtime.js';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const registerBench: CommandRegistrar = (program, runtime) => {
  const command = program
    .command('bench')
    .description('build one Dockerfile, or two to compare (before, after), with a real engine and measure size, build, rebuild, push and pull times, contents and findings; smoke-test the images')
    .argument('<dockerfiles...>', 'one Dockerfile, or two: BEFORE AFTER')
    .option('--context <dir>', "build context of the first Dockerfile (default: its folder)")
    .option('--context-after <dir>', "build context of the second Dockerfile (default: --context, else its folder)")
    .addOption(new Option('--engine <engine>', 'build engine').choices(['auto', ...ENGINE_NAMES]).default('auto'))
    .option('--runs <n>', 'builds, pushes and pulls per image; medians are reported', '3')
    .option('--registry <host:port>', 'registry for push and pull timings: HOST:PORT, "local" (a docker-registry started on 127.0.0.1, the default when installed) or "none"')
    .option('--smoke <cmd>', 'command run in each image (split on blanks, no shell) that must exit 0')
    .option('--smoke-json <json>', 'the smoke command as a JSON array, e.g. \'["sh","-c","app --version"]\'')
    .option('--port <n>', "start the image's entrypoint and wait until 127.0.0.1:N answers (HTTP GET / or a TCP connect)")
    .option('--smoke-timeout <seconds>', 'how long a smoke test may take', '60')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'html']).default('text'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .option('--build-arg <k=v>', 'build argument (repeatable)', collect)
    .option('--storage <dir>', 'containers-storage root for buildah/podman (default /var/tmp/whittle-bench/storage; never your default storage)')
    .addOption(new Option('--storage-driver <driver>', 'containers-storage driver (default: overlay when the kernel has it and whittle runs as root, else vfs)').choices(['overlay', 'vfs']))
    .option('--runroot <dir>', 'containers-storage run root (default: the storage root with ".run" appended)')
    .addOption(new Option('--pull <policy>', 'when the engine pulls base images').choices(['missing', 'never', 'always']).default('missing'))
    .option('--change <file>', 'file (relative to the context) the rebuild measure appends a line to, in a temporary copy (default: a source file picked in the context)')
    .option('--no-rebuild', 'do not measure the rebuild after a source change')
    .option('--keep-images', 'keep the built images in the storage')
    .option('-q, --quiet', 'no progress lines on stderr')
    .action(async (dockerfiles: string[], options: BenchCliOptions) => {
      const { benchAction } = await import('../bench/action.js');
      await benchAction(dockerfiles, options, command, runtime);
    });
};

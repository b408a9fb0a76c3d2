/** `whittle diff A B`: what changed between two images (layers, files, packages, size), as text or JSON. */
import { resolve } from 'node:path';
import { Option } from 'commander';
import { diffImages } from '../analyze/diff.js';
import { openImage } from '../image/open.js';
import type { Image, OpenOptions } from '../image/types.js';
import { formatDiffText } from '../report/inspect/diff-text.js';
import { writeFileAtomic } from './atomic-write.js';
import type { CommandRegistrar } from './runtime.js';
import { whittleVersion } from './version.js';

interface DiffOptions {
  format: 'text' | 'json';
  output?: string;
  platform?: string;
  insecure?: boolean;
  workers?: string;
}

export const registerDiff: CommandRegistrar = (program, runtime) => {
  const command = program
    .command('diff')
    .description('compare two images: layers, files, packages and size')
    .argument('<a>', 'the first (older) image')
    .argument('<b>', 'the second (newer) image')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .option('--platform <os/arch>', 'the platform to pick from multi-platform images')
    .option('--insecure', 'allow plain HTTP and unverified TLS registries')
    .addOption(new Option('--workers <n>', 'worker threads for the layer pass').hideHelp())
    .addHelpText('after', '\nExit codes: 0 compared, 2 usage, input or internal error.')
    .action(async (a: string, b: string, options: DiffOptions) => {
      const open: OpenOptions = { ...(options.platform ? { platform: options.platform } : {}), ...(options.insecure ? { insecure: true } : {}) };
      const images: Image[] = [];
      try {
        images.push(await openImage(a, open));
        images.push(await openImage(b, open));
        const workers = options.workers !== undefined ? Number(options.workers) : undefined;
        const report = await diffImages(images[0]!, images[1]!, { ...(workers !== undefined && Number.isInteger(workers) ? { pass: { workers } } : {}), toolVersion: whittleVersion() });
        const text = options.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatDiffText(report, { color: options.output ? false : runtime.useColor(command, 'stdout') });
        if (options.output) await writeFileAtomic(resolve(process.cwd(), options.output), text);
        else runtime.stdout.write(text);
      } finally {
        for (const img of images) await img.close();
      }
    });
};

/** `whittle k8s FILES...`: check Kubernetes workloads against the seeds' practices and, with --image, the images they run. */
import { Option } from 'commander';
import { SEVERITIES } from '../core/finding.js';
import { LINT_FORMAT_NAMES } from '../report/lint/names.js';
import type { K8sOptions } from '../k8s/action.js';
import type { CommandRegistrar } from './runtime.js';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const registerK8s: CommandRegistrar = (program, runtime) => {
  const command = program
    .command('k8s')
    .description('check Kubernetes workloads (probes, security context, resources, secrets, process model, data) and the images they run')
    .argument('<files...>', 'manifests (YAML or JSON, multi-document, List kinds), folders or globs; "-" reads stdin (helm template ... | whittle k8s -)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(LINT_FORMAT_NAMES).default('text'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .option('-c, --config <file>', "read this config file's k8s: section instead of searching for .whittle.yaml")
    .addOption(
      new Option('--failure-threshold <severity>', 'exit 1 when a finding is at least this severe (default: info)').choices([...SEVERITIES, 'none']),
    )
    .option('--ignore <rule>', 'never report this rule id or alias (repeatable)', collect)
    .option('--image <name=source>', 'cross-check containers whose image (or repository, or container name) is NAME against the image at SOURCE, any inspect source such as oci:DIR (repeatable)', collect)
    .option('--allowed-registry <registry>', 'images may come only from this registry host or image glob (repeatable; replaces k8s.allowedRegistries)', collect)
    .option('--fix', 'apply the safe fixes (securityContext fields; image digests known from --image) to the files, keeping comments and layout')
    .option('--dry-run', 'with --fix: print a unified diff and write nothing')
    .option('--fix-resources', 'with --fix: also add missing cpu/memory requests as placeholders marked "# TODO: measure"')
    .action(async (files: string[], options: K8sOptions) => {
      const { k8sAction } = await import('../k8s/action.js');
      await k8sAction(files, options, command, runtime);
    });
};

/** `whittle debug FILE|pod/NAME`: the exact kubectl debug command (and the API patch) for a pod's situation. */
import { Option } from 'commander';
import type { DebugOptions } from '../k8s/debug/action.js';
import { GOALS, PSS_LEVELS } from '../k8s/debug/types.js';
import type { CommandRegistrar } from './runtime.js';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const registerDebug: CommandRegistrar = (program, runtime) => {
  const command = program
    .command('debug')
    .description('print the kubectl debug command (profile, target, image, user, labels) and the ephemeralcontainers patch for a pod')
    .argument('<target>', 'a pod manifest or a workload with a pod template (YAML or JSON; "-" reads stdin), pod/NAME to read a live pod with kubectl, or node/NAME')
    .argument('[command...]', 'a command for the debug container, after --')
    .option('-c, --container <name>', 'the container to debug (default: the first one)')
    .addOption(new Option('-g, --goal <goal>', 'what you want to look at').choices(GOALS).default('shell'))
    .option('--image <name=source>', 'open the image a container runs (any inspect source, e.g. oci:DIR) to see whether it has a shell and tools (repeatable)', collect)
    .option('--debug-image <image>', 'the image for the debug container (default: chosen for the goal)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--pod <name>', 'the running pod to debug, for a Deployment (or other controller) manifest')
    .option('-n, --namespace <namespace>', 'the namespace (default: the manifest\'s, else your current one)')
    .addOption(new Option('--pss <level>', 'the Pod Security level the namespace enforces').choices(PSS_LEVELS))
    .option('--workload <name>', 'which workload of a multi-object file (NAME or KIND/NAME)')
    .option('--node <name>', 'the node for --goal node (default: the pod\'s spec.nodeName)')
    .option('--no-ephemeral', 'the cluster refuses ephemeral containers: debug a copy of the pod')
    .option('--receive-traffic', 'keep the copy\'s labels so its Services send it production traffic')
    .option('--debug-name <name>', 'the debug container\'s name (default: debugger-XXXXX, new each time)')
    .action(async (target: string, cmd: string[], options: DebugOptions) => {
      const { debugAction } = await import('../k8s/debug/action.js');
      await debugAction(target, cmd, options, command, runtime);
    });
};

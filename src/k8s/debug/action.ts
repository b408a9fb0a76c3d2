/** What `whittle debug` does once its options are parsed: read the pod (file, stdin or kubectl), open images, plan, render. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readStdin } from '../../cli/inputs.js';
import type { CliRuntime } from '../../cli/runtime.js';
import { ConfigError, InputError } from '../../core/errors.js';
import { imageForContainer } from '../engine.js';
import type { ImageFacts } from '../image-facts.js';
import { loadImageFacts } from '../image-facts.js';
import { loadManifests } from '../load.js';
import type { ContainerRef } from '../model.js';
import { fetchPod, fetchPss, fetchServices } from './live.js';
import { debugContainerName, planDebug } from './plan.js';
import { debugReport, formatDebugJson, formatDebugText } from './render.js';
import { shellFromImage, shellFromName } from './shell.js';
import { DNS_LABEL, DNS_SUBDOMAIN, pickWorkload, pssInFile, servicesInFile, targetOf } from './target.js';
import type { DebugRequest, DebugTarget, Goal, PssLevel } from './types.js';
import { GOALS, PSS_LEVELS } from './types.js';

export interface DebugOptions {
  container?: string;
  goal: Goal;
  image?: string[];
  debugImage?: string;
  format: 'text' | 'json';
  pod?: string;
  namespace?: string;
  pss?: PssLevel;
  workload?: string;
  node?: string;
  ephemeral: boolean;
  receiveTraffic?: boolean;
  debugName?: string;
}

/** pod/NAME and node/NAME as kubectl writes them; a missing manifest (pods/web.yaml) is not taken for one. */
const LIVE_POD = /^(?:pods?|po)\/([^/]+)$/;
const LIVE_NODE = /^(?:nodes?|no)\/([^/]+)$/;
const MANIFEST_NAME = /\.(ya?ml|json)$/i;

function parseImages(values: readonly string[]): Array<{ name: string; source: string }> {
  return values.map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new ConfigError(`--image expects NAME=SOURCE (e.g. app=oci:./app-layout), got "${v}"`);
    return { name: v.slice(0, eq), source: v.slice(eq + 1) };
  });
}

/** The opened image a container runs, matched as whittle k8s matches them (image, repository or container name). */
function imageLookup(images: readonly ImageFacts[]): (name: string, image: string) => ImageFacts | undefined {
  // imageForContainer reads only the name and spec.image of a container.
  return (name, image) => imageForContainer(images, { name, role: 'container', spec: { image } } as unknown as ContainerRef);
}

function validate(options: DebugOptions): void {
  if (!(GOALS as readonly string[]).includes(options.goal)) throw new ConfigError(`--goal must be one of ${GOALS.join(', ')}, got "${options.goal}"`);
  if (options.pss !== undefined && !(PSS_LEVELS as readonly string[]).includes(options.pss)) throw new ConfigError(`--pss must be one of ${PSS_LEVELS.join(', ')}, got "${options.pss}"`);
  if (options.debugName !== undefined && !DNS_LABEL.test(options.debugName)) {
    throw new ConfigError(`--debug-name must be a DNS label (lower-case letters, digits and -, at most 63), got "${options.debugName}"`);
  }
  if (options.namespace !== undefined && !DNS_LABEL.test(options.namespace)) throw new ConfigError(`--namespace must be a Kubernetes namespace name, got "${options.namespace}"`);
  for (const [flag, value] of [['--pod', options.pod], ['--node', options.node]] as const) {
    if (value !== undefined && !DNS_SUBDOMAIN.test(value)) throw new ConfigError(`${flag} must be a Kubernetes object name, got "${value}"`);
  }
}

/** A node given as node/NAME: no pod, only a node to open a shell on. */
function nodeTarget(node: string): DebugTarget {
  return {
    source: `node/${node}`,
    kind: 'Node',
    objectName: node,
    labels: {},
    pod: {},
    shareProcessNamespace: false,
    mirror: false,
    nodeName: node,
    container: { name: '', image: '', own: {}, crashLooping: false },
    containerNames: [],
  };
}

export async function debugAction(input: string, command: string[], options: DebugOptions, cli: Command, runtime: CliRuntime): Promise<void> {
  validate(options);
  const images: ImageFacts[] = [];
  for (const { name, source } of parseImages(options.image ?? [])) images.push(await loadImageFacts(name, source));
  const lookup = imageLookup(images);
  const base = {
    goal: options.goal,
    ...(options.debugImage ? { debugImage: options.debugImage } : {}),
    noEphemeral: !options.ephemeral,
    receiveTraffic: options.receiveTraffic === true,
    ...(options.node ? { node: options.node } : {}),
    command,
  };
  let request: DebugRequest;
  const maybeLive = !existsSync(input) && !MANIFEST_NAME.test(input);
  const nodeMatch = maybeLive ? LIVE_NODE.exec(input) : null;
  const podMatch = maybeLive ? LIVE_POD.exec(input) : null;
  const live = nodeMatch ?? podMatch;
  if (live && !DNS_SUBDOMAIN.test(live[1]!)) throw new ConfigError(`${input}: "${live[1]}" is not a Kubernetes object name`);
  if (nodeMatch) {
    const target = nodeTarget(nodeMatch[1]!);
    request = { ...base, goal: 'node', target, services: [], servicesBasis: 'nothing', shell: { verdict: 'unknown', basis: 'none', detail: 'node debugging' }, debugName: 'node-debugger' };
  } else if (podMatch) {
    const name = podMatch[1]!;
    const text = await fetchPod(name, options.namespace);
    const file = loadManifests(text, input);
    const target = targetOf(file, pickWorkload(file), { ...pick(options), image: lookup });
    const namespace = target.namespace ?? 'default';
    let pss = options.pss ? { level: options.pss, basis: `--pss ${options.pss}` } : undefined;
    if (!pss) {
      const found = await fetchPss(namespace);
      if ('level' in found) pss = found;
      else runtime.stderr.write(`note: Pod Security level unknown: ${found.unknown}\n`);
    }
    const { services, basis } = await fetchServices(namespace, target.labels);
    request = { ...base, target, ...(pss ? { pss } : {}), services, servicesBasis: basis, shell: shellOf(target, lookup, options.goal), debugName: options.debugName ?? debugContainerName(target.containerNames) };
  } else {
    let text: string;
    if (input === '-') text = (await readStdin()).toString('utf8');
    else {
      try {
        text = await readFile(input, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new InputError(code === 'ENOENT' ? 'no such file (a live pod is written pod/NAME)' : `cannot read (${code ?? String(err)})`, input);
      }
    }
    const file = loadManifests(text, input);
    const target = targetOf(file, pickWorkload(file, options.workload), { ...pick(options), image: lookup });
    const pss = options.pss ? { level: options.pss, basis: `--pss ${options.pss}` } : pssInFile(file, target.namespace);
    request = {
      ...base,
      target,
      ...(pss ? { pss } : {}),
      services: servicesInFile(file, target),
      servicesBasis: `the input (${input})`,
      shell: shellOf(target, lookup, options.goal),
      debugName: options.debugName ?? debugContainerName(target.containerNames),
    };
  }
  const plan = planDebug(request);
  // An --image that names no container of the pod was probably mistyped: say so rather than ignore it.
  if (!nodeMatch) {
    const opened = lookup(request.target.container.name, request.target.container.image);
    for (const facts of images) {
      if (facts !== opened) plan.warnings.push(`--image ${facts.name}=${facts.source} is not the image of container ${request.target.container.name} (${request.target.container.image}), so it was not used`);
    }
  }
  const report = debugReport(request, plan);
  runtime.stdout.write(options.format === 'json' ? formatDebugJson(report) : formatDebugText(report, runtime.useColor(cli, 'stdout')));
}

function pick(options: DebugOptions): { container?: string; pod?: string; namespace?: string } {
  return {
    ...(options.container !== undefined ? { container: options.container } : {}),
    ...(options.pod !== undefined ? { pod: options.pod } : {}),
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
  };
}

function shellOf(target: DebugTarget, lookup: (name: string, image: string) => ImageFacts | undefined, goal: Goal): DebugRequest['shell'] {
  const facts = lookup(target.container.name, target.container.image);
  return facts ? shellFromImage(facts, goal) : shellFromName(target.container.image);
}

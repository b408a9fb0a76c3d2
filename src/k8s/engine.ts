/** Runs the checks over every workload of a loaded file and turns reports into findings with line and column. */
import type { Finding, Severity } from '../core/finding.js';
import type { ImageFacts } from './image-facts.js';
import { ignoredNames, isIgnored } from './ignore.js';
import type { ContainerRef, LoadedFile } from './model.js';
import type { K8sCheck } from './types.js';

export interface K8sRunOptions {
  /** Rule ids or aliases never reported (--ignore). */
  ignored?: readonly string[];
  images?: readonly ImageFacts[];
  /** Registry hosts or image globs container images must come from (empty: any); see checks/image-registry.ts. */
  allowedRegistries?: readonly string[];
  severityOverrides?: Readonly<Record<string, Severity>>;
  /** `--fix-resources`: offer request placeholders as fixes. */
  fixResources?: boolean;
}

function repository(ref: string): string {
  const noDigest = ref.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** The --image a container runs: NAME equal to its image field, to that image's repository, or to the container's name. */
export function imageForContainer(images: readonly ImageFacts[], container: ContainerRef): ImageFacts | undefined {
  const ref = typeof container.spec.image === 'string' ? container.spec.image : '';
  return (
    images.find((i) => i.name === ref) ??
    images.find((i) => ref !== '' && i.name === repository(ref)) ??
    images.find((i) => container.name !== '' && i.name === container.name)
  );
}

export function runChecks(file: LoadedFile, checks: readonly K8sCheck[], options: K8sRunOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const globallyIgnored = new Set(options.ignored ?? []);
  const images = options.images ?? [];
  for (const workload of file.workloads) {
    const annotationIgnores = ignoredNames(workload.annotations);
    for (const check of checks) {
      const { meta } = check;
      if (isIgnored(meta, globallyIgnored) || isIgnored(meta, annotationIgnores)) continue;
      check.check({
        file,
        workload,
        image: (c) => imageForContainer(images, c),
        allowedRegistries: options.allowedRegistries ?? [],
        fixResources: options.fixResources ?? false,
        report(r) {
          const start = file.lineCounter.linePos(r.at.start);
          const end = file.lineCounter.linePos(Math.max(r.at.end, r.at.start));
          findings.push({
            file: file.file,
            line: start.line,
            column: start.col,
            endLine: end.line,
            endColumn: end.col,
            rule: meta.id,
            aliases: [...meta.aliases],
            severity: options.severityOverrides?.[meta.id] ?? meta.severity,
            message: `${workload.kind}/${workload.name || '(unnamed)'}: ${r.message}`,
            fixable: meta.fixable && Boolean(r.fix?.length),
            ...(meta.fixable && r.fix?.length ? { fix: r.fix } : {}),
          });
        },
      });
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

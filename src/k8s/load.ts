/**
 * Loads Kubernetes manifests (YAML or JSON, several documents per file, `List` kinds) keeping node positions,
 * and finds the workloads in them: their pod spec and every container, init container and native sidecar.
 */
import { isMap, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node, YAMLMap } from 'yaml';
import { InputError } from '../core/errors.js';
import type { ContainerRef, LoadedFile, Workload } from './model.js';
import { asArray, asRecord, BATCH_KINDS, POD_SPEC_PATHS } from './model.js';
import { mapAt, valueOf } from './yaml-nodes.js';

/** Bounds that keep a hostile or mistaken input (a whole cluster dump piped in) from exhausting memory. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
export const MAX_OBJECTS = 5000;

export function loadManifests(text: string, file: string): LoadedFile {
  if (text.length > MAX_INPUT_BYTES) {
    throw new InputError(`input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB; split it into several files`, file);
  }
  const lineCounter = new LineCounter();
  // maxAliasCount bounds "billion laughs" alias expansion when turning nodes into plain values.
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true }) as Document[];
  for (const doc of documents) {
    const first = doc.errors[0];
    if (first) {
      const pos = lineCounter.linePos(first.pos[0]);
      const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new InputError(`invalid YAML: ${message}`, file, pos.line, pos.col);
    }
  }
  const loaded: LoadedFile = { file, text, lineCounter, documents, workloads: [], skipped: [] };
  let objects = 0;
  const visit = (node: unknown, js: unknown): void => {
    if (!isMap(node)) return;
    if (++objects > MAX_OBJECTS) throw new InputError(`more than ${MAX_OBJECTS} objects; split the input`, file);
    const kind = scalarText(valueOf(node, 'kind'));
    if (kind === 'List' || (kind?.endsWith('List') && isSeq(valueOf(node, 'items')))) {
      const items = valueOf(node, 'items');
      const jsItems = asArray(asRecord(js).items);
      if (isSeq(items)) items.items.forEach((item, i) => visit(item, jsItems[i]));
      return;
    }
    const name = scalarText(valueOf(mapAt(node, ['metadata']), 'name')) ?? '';
    const workload = kind ? toWorkload(node, asRecord(js), kind, name) : null;
    if (workload) loaded.workloads.push(workload);
    else loaded.skipped.push({ kind: kind ?? '(no kind)', name });
  };
  for (const doc of documents) {
    if (doc.contents === null) continue;
    let js: unknown;
    try {
      // Plain values once per document; maxAliasCount stops "billion laughs" alias expansion.
      js = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      const offset = (doc.contents as Node).range?.[0] ?? 0;
      const pos = lineCounter.linePos(offset);
      throw new InputError(`invalid YAML: ${(err as Error).message.split('\n')[0]}`, file, pos.line, pos.col);
    }
    visit(doc.contents, js);
  }
  return loaded;
}

function scalarText(node: Node | null | undefined): string | undefined {
  const v = (node as { value?: unknown } | null | undefined)?.value;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

function at(js: unknown, path: readonly string[]): unknown {
  let v = js;
  for (const key of path) v = asRecord(v)[key];
  return v;
}

function annotationsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asRecord(value))) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}

function toWorkload(node: YAMLMap, js: Record<string, unknown>, kind: string, name: string): Workload | null {
  const path = POD_SPEC_PATHS[kind];
  if (!path) return null;
  const podSpecNode = mapAt(node, path);
  const podSpec = asRecord(at(js, path));
  const templatePath = path.slice(0, -1);
  const annotations = {
    ...(templatePath.length ? annotationsOf(at(js, [...templatePath, 'metadata', 'annotations'])) : {}),
    ...annotationsOf(at(js, ['metadata', 'annotations'])),
  };
  const namespace = scalarText(valueOf(mapAt(node, ['metadata']), 'namespace'));
  const containers: ContainerRef[] = [];
  const add = (field: 'initContainers' | 'containers'): void => {
    const seq = valueOf(podSpecNode, field);
    if (!isSeq(seq)) return;
    const specs = asArray(podSpec[field]);
    seq.items.forEach((item, i) => {
      if (!isMap(item)) return;
      const spec = asRecord(specs[i]);
      const role = field === 'containers' ? 'container' : spec.restartPolicy === 'Always' ? 'sidecar' : 'init';
      containers.push({ name: typeof spec.name === 'string' ? spec.name : '', role, node: item, spec });
    });
  };
  add('initContainers');
  add('containers');
  return {
    kind,
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    node,
    podSpecNode,
    podSpec,
    batch: BATCH_KINDS.has(kind),
    containers,
    annotations,
  };
}

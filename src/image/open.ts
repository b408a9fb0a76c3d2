/**
 * `openImage(reference)`: one entry point for every source, dispatching on the transport prefix
 * (docker-archive:, oci:, oci-archive:, docker-daemon:, registry: / docker://) or, without one, on what the
 * reference names: an existing .tar file, an OCI layout directory, else a registry reference.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { openDockerArchive } from './docker-archive.js';
import { openDockerDaemon } from './docker-daemon.js';
import { openOciArchive, openOciLayout } from './oci.js';
import { parsePlatform } from './platform.js';
import { openRegistryImage } from './registry/source.js';
import type { Image, OpenOptions, Platform } from './types.js';

export type Transport = 'docker-archive' | 'oci' | 'oci-archive' | 'docker-daemon' | 'registry';

const prefixes: Array<[string, Transport]> = [
  ['docker-archive:', 'docker-archive'],
  ['oci-archive:', 'oci-archive'],
  ['oci:', 'oci'],
  ['docker-daemon:', 'docker-daemon'],
  ['registry:', 'registry'],
  ['docker://', 'registry'],
];

/**
 * Splits `PATH[:NAME]` where both may hold colons (`img.tar:app:1.2`): the path is the shortest prefix that
 * exists; when none does, the whole text is the path (and opening it reports it missing).
 */
export function splitPathAndName(text: string): { path: string; name?: string } {
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) {
    const path = text.slice(0, i);
    if (path && existsSync(path)) return { path, name: text.slice(i + 1) || undefined } as { path: string; name?: string };
  }
  return { path: text };
}

function isLayoutDir(path: string): boolean {
  return existsSync(join(path, 'oci-layout')) || existsSync(join(path, 'index.json'));
}

/** Which transport a reference uses and what it names. */
export function classifyReference(reference: string): { transport: Transport; target: string } {
  for (const [prefix, transport] of prefixes) {
    if (reference.startsWith(prefix)) return { transport, target: reference.slice(prefix.length) };
  }
  if (existsSync(reference)) {
    const s = statSync(reference);
    if (s.isDirectory()) {
      if (!isLayoutDir(reference)) throw new InputError('directory is not an OCI layout (no oci-layout or index.json)', reference);
      return { transport: 'oci', target: reference };
    }
    return { transport: 'docker-archive', target: reference };
  }
  const split = splitPathAndName(reference);
  if (split.name !== undefined) {
    // FILE:NAME or DIR:TAG without a transport prefix.
    if (statSync(split.path).isDirectory()) return { transport: 'oci', target: reference };
    return { transport: 'docker-archive', target: reference };
  }
  if (/^(\.{0,2}\/|~\/)/.test(reference) || /\.(tar|tar\.gz|tgz)$/i.test(reference)) {
    throw new InputError('no such file or directory', reference);
  }
  return { transport: 'registry', target: reference };
}

export async function openImage(reference: string, options: OpenOptions = {}): Promise<Image> {
  const platform: Platform | undefined = options.platform ? parsePlatform(options.platform) : undefined;
  const common = { reference, ...(platform ? { platform } : {}) };
  const { transport, target } = classifyReference(reference);
  switch (transport) {
    case 'docker-archive': {
      const { path, name } = splitPathAndName(target);
      return openDockerArchive(path, name, common);
    }
    case 'oci-archive': {
      const { path, name } = splitPathAndName(target);
      return openOciArchive(path, name, common);
    }
    case 'oci': {
      const { path, name } = splitPathAndName(target);
      return openOciLayout(path, name, common);
    }
    case 'docker-daemon':
      if (!target) throw new InputError('docker-daemon: needs an image name, e.g. docker-daemon:alpine:3.20');
      return openDockerDaemon(target, common);
    case 'registry':
      return openRegistryImage(target, {
        ...common,
        ...(options.insecure ? { insecure: true } : {}),
        ...(options.authFiles ? { authFiles: options.authFiles } : {}),
      });
  }
}

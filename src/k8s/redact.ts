/**
 * The text shown in code frames with literal secret env values and command-line secrets masked (same length, so
 * every position stays right): reports quote source lines, and a finding about a password must not print the password.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { isSecretEnv } from '../analyze/config.js';
import { commandSecrets } from './checks/secret-in-command.js';
import type { LoadedFile } from './model.js';
import { valueOf } from './yaml-nodes.js';

/** Where a secret appears in its scalar's source; the whole scalar when escapes hide it. */
function secretSpans(text: string, range: readonly number[] | undefined, value: string): Array<[number, number]> {
  if (!range || value === '') return [];
  const [start, end] = [range[0]!, range[1]!];
  const source = text.slice(start, end);
  const spans: Array<[number, number]> = [];
  for (let i = source.indexOf(value); i !== -1; i = source.indexOf(value, i + value.length)) spans.push([start + i, start + i + value.length]);
  return spans.length ? spans : [[start, end]];
}

export function redactedText(file: LoadedFile): string {
  const spans: Array<[number, number]> = [];
  for (const w of file.workloads) {
    for (const c of w.containers) {
      for (const secret of commandSecrets(c)) spans.push(...secretSpans(file.text, secret.node.range ?? undefined, secret.value));
      const env = valueOf(c.node, 'env');
      if (!isSeq(env)) continue;
      for (const item of env.items) {
        if (!isMap(item)) continue;
        const name = valueOf(item, 'name');
        const value = valueOf(item, 'value');
        if (!isScalar(name) || !isScalar(value) || !value.range) continue;
        if (isSecretEnv(String(name.value), String(value.value ?? ''))) spans.push([value.range[0], value.range[1]]);
      }
    }
  }
  if (spans.length === 0) return file.text;
  // One pass over the text (slicing per secret would copy the whole text each time).
  spans.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at) continue;
    parts.push(file.text.slice(at, start), file.text.slice(start, end).replace(/[^\r\n]/g, '*'));
    at = end;
  }
  parts.push(file.text.slice(at));
  return parts.join('');
}

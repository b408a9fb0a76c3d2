/**
 * Secrets shipped in any layer (a key deleted by a later layer still ships in the layer that added it).
 * Candidates come from the pass: files named like credentials (content captured, capped) and any file whose
 * head holds a PEM private key. Reported REDACTED: path and kind only, never a byte of content.
 */
import type { SecretReport } from '../report/inspect/model.js';
import type { AnalysisContext } from './context.js';
import { lookup } from './fs/merged.js';
import { isSecretCandidate } from './pass/capture.js';
import { Sniff } from './pass/types.js';

/** What a file's content (or name, for binary stores) says it is; null when it holds no secret. */
export function classifySecret(path: string, content: string | null): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/\.(p12|pfx|jks|keystore)$/i.test(name)) return 'keystore';
  if (/\.kdbx$/i.test(name)) return 'password-database';
  if (/\.ppk$/i.test(name)) return 'private-key';
  if (content === null) return null;
  if (/-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/.test(content)) return 'private-key';
  if (/\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(content)) return 'aws-access-key';
  if (name === '.npmrc' && /_auth(Token)?\s*=\s*\S/.test(content)) return 'npm-token';
  if ((name === 'config.json' || name === '.dockercfg') && /"auth"\s*:\s*"[^"]+"/.test(content)) return 'registry-credentials';
  if (name === '.git-credentials' && /:\/\/[^:\s]+:[^@\s]+@/.test(content)) return 'git-credentials';
  if ((name === '.pypirc' || name === '.netrc') && /^\s*password\s*[=:]?\s*\S/im.test(content)) return `${name.slice(1)}-password`;
  if (name === '.htpasswd' && /^[^:\s]+:\S+/m.test(content)) return 'password-hashes';
  if (/\bgh[pousr]_[A-Za-z0-9]{36}\b|\bglpat-[A-Za-z0-9_-]{20}\b|\bxox[bpas]-[A-Za-z0-9-]{10,}/.test(content)) return 'access-token';
  if ((name === '.env' || name.startsWith('.env.')) && /^\s*(export\s+)?[A-Z0-9_]*(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY)[A-Z0-9_]*\s*=\s*\S/im.test(content)) {
    return 'env-file-secret';
  }
  if (name === 'credentials' && /aws_secret_access_key\s*=\s*\S/.test(content)) return 'aws-credentials';
  if (name === 'config' && path.endsWith('/.kube/config') && /(token|client-key-data|password)\s*:\s*\S/.test(content)) return 'kubeconfig-credentials';
  if (/"type"\s*:\s*"service_account"/.test(content) && /"private_key"\s*:/.test(content)) return 'gcp-service-account-key';
  return null;
}

export function analyzeSecrets(ctx: AnalysisContext): SecretReport[] {
  const out: SecretReport[] = [];
  const seen = new Set<string>();
  for (const scan of ctx.scans) {
    const captured = new Map(scan.captured.map((c) => [c.path, c]));
    for (const e of scan.entries) {
      if (e.type !== 'file') continue;
      const sniffedKey = e.sniff !== undefined && (e.sniff & Sniff.PrivateKey) !== 0;
      if (!sniffedKey && !isSecretCandidate(e.path)) continue;
      const c = captured.get(e.path);
      const content = c ? Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength).toString('latin1') : null;
      const kind = classifySecret(e.path, content) ?? (sniffedKey ? 'private-key' : null);
      if (!kind) continue;
      const key = `${scan.index}\0${e.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const node = lookup(ctx.fs.root, e.path);
      out.push({ path: e.path, kind, layer: scan.index, visible: node?.entry === e });
    }
  }
  return out;
}

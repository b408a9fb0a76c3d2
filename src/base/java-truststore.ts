/**
 * /etc/ssl/certs/java/cacerts, the truststore every Debian JRE links its lib/security/cacerts to. On Debian,
 * ca-certificates-java's postinst (a trigger running Java code) builds it from /etc/ssl/certs; whittle runs no
 * maintainer scripts, so it writes the same JKS from the certificates it already bundles into
 * ca-certificates.crt. Made when the image holds ca-certificates-java or a package linking to the file (a JRE
 * without it), in that package's layer. Pure: certificates in, entries out.
 */
import { X509Certificate } from 'node:crypto';
import { basename } from 'node:path';
import { InputError } from '../core/errors.js';
import type { LayerEntry } from '../image/write/types.js';
import { absoluteTarget } from './compose.js';
import { writeJks, type TrustedCertEntry } from './jks.js';

export const JAVA_CACERTS = 'etc/ssl/certs/java/cacerts';

/** Does this package need the truststore: ca-certificates-java itself, or a JRE's `lib/security/cacerts` link to it? */
export function wantsJavaTruststore(pkg: string, entries: readonly LayerEntry[]): boolean {
  const pointsAtIt = (e: LayerEntry) => e.type === 'symlink' && e.linkTarget !== undefined && (e.linkTarget.startsWith('/') ? e.linkTarget : absoluteTarget(e.path, e.linkTarget)) === `/${JAVA_CACERTS}`;
  return pkg === 'ca-certificates-java' || entries.some(pointsAtIt);
}

/**
 * The alias Debian's keystore gives a certificate: `debian:` + the name update-ca-certificates gives its
 * /etc/ssl/certs link (spaces and commas to `_`, parentheses to `=`, `.crt` to `.pem`), lower case as JKS keeps it.
 */
export function debianAlias(path: string): string {
  const name = basename(path, '.crt').replace(/ /g, '_').replace(/[()]/g, '=').replace(/,/g, '_');
  return `debian:${name}.pem`.toLowerCase();
}

/** Trusted-certificate entries for the bundled certificates (each PEM block of each file); a block that does not parse is refused. */
export function trustedEntries(certs: readonly { path: string; data: Buffer }[], dateMs: number): TrustedCertEntry[] {
  const out: TrustedCertEntry[] = [];
  for (const c of certs) {
    const blocks = c.data.toString('latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    for (const [i, pem] of blocks.entries()) {
      let der: Buffer;
      try {
        der = new X509Certificate(pem).raw;
      } catch (err) {
        throw new InputError(`ca-certificates: /${c.path}: certificate ${i + 1} does not parse (${(err as Error).message}); the Java truststore cannot hold it`);
      }
      const alias = debianAlias(c.path);
      out.push({ alias: i === 0 ? alias : alias.replace(/\.pem$/, `_${i + 1}.pem`), date: dateMs, der });
    }
  }
  return out;
}

/** The truststore's entries: its folders and the JKS (store password `changeit`, as Debian's), timestamped `mtime` seconds. */
export function javaTruststore(certs: readonly { path: string; data: Buffer }[], mtime: number): LayerEntry[] {
  const data = writeJks(trustedEntries(certs, mtime * 1000));
  const dir = (path: string): LayerEntry => ({ path, type: 'directory', mode: 0o755, uid: 0, gid: 0 });
  return [dir('etc/ssl'), dir('etc/ssl/certs'), dir('etc/ssl/certs/java'), { path: JAVA_CACERTS, type: 'file', mode: 0o644, uid: 0, gid: 0, data, size: data.length }];
}

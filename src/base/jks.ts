/**
 * Java KeyStore (JKS) files of trusted certificates, written and read by hand: the format is a few fixed fields
 * (sun.security.provider.JavaKeyStore), and no maintained npm package writes JKS (the PKCS12 writers lack the
 * trusted-certificate attribute Java needs to treat an entry as a trust anchor). Debian's ca-certificates-java
 * writes its /etc/ssl/certs/java/cacerts as JKS too; Java 17 opens it whatever keystore.type says
 * (keystore.type.compat). Pure: bytes in, bytes out.
 *
 * Layout (big-endian): magic 0xFEEDFEED, version 2, entry count; per trusted-certificate entry: tag 2, alias
 * (Java's writeUTF: u16 length + modified UTF-8), creation time (i64 ms), certificate type ("X.509", writeUTF),
 * u32 length, DER. Then SHA-1 over (password as UTF-16BE, "Mighty Aphrodite", everything before the digest).
 */
import { createHash } from 'node:crypto';

export interface TrustedCertEntry {
  /** Java stores aliases in lower case (JavaKeyStore.convertAlias); the writer lowers them too. */
  alias: string;
  /** Milliseconds since 1970. */
  date: number;
  /** The certificate, DER. */
  der: Buffer;
}

const MAGIC = 0xfeedfeed;
const VERSION = 2;
const TAG_TRUSTED_CERT = 2;
const WHITENER = 'Mighty Aphrodite';
export const DEFAULT_STOREPASS = 'changeit';

/** Java's DataOutput.writeUTF: modified UTF-8 (NUL as two bytes, each UTF-16 unit on its own) behind a u16 length. */
export function javaUtf(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x01 && c <= 0x7f) bytes.push(c);
    else if (c <= 0x7ff) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  if (bytes.length > 0xffff) throw new RangeError(`JKS string too long (${bytes.length} bytes)`);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(bytes.length);
  return Buffer.concat([len, Buffer.from(bytes)]);
}

function readJavaUtf(buf: Buffer, at: number): [string, number] {
  const len = buf.readUInt16BE(at);
  const end = at + 2 + len;
  if (end > buf.length) throw new Error('JKS string runs past the end');
  let out = '';
  for (let i = at + 2; i < end; ) {
    const b = buf[i]!;
    const width = b < 0x80 ? 1 : (b & 0xe0) === 0xc0 ? 2 : 3;
    const code = width === 1 ? b : width === 2 ? ((b & 0x1f) << 6) | (buf[i + 1]! & 0x3f) : ((b & 0x0f) << 12) | ((buf[i + 1]! & 0x3f) << 6) | (buf[i + 2]! & 0x3f);
    out += String.fromCharCode(code);
    i += width;
  }
  return [out, end];
}

/** The keyed SHA-1 JKS closes with. */
function jksDigest(password: string, body: Buffer): Buffer {
  const pass = Buffer.alloc(password.length * 2);
  for (let i = 0; i < password.length; i++) pass.writeUInt16BE(password.charCodeAt(i), i * 2);
  return createHash('sha1').update(pass).update(WHITENER, 'utf8').update(body).digest();
}

/** A JKS of trusted certificates, entries in alias order (the same entries give the same bytes). */
export function writeJks(entries: readonly TrustedCertEntry[], password = DEFAULT_STOREPASS): Buffer {
  const sorted = entries.map((e) => ({ ...e, alias: e.alias.toLowerCase() })).sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.alias === sorted[i - 1]!.alias) throw new RangeError(`duplicate JKS alias ${sorted[i]!.alias}`);
  const parts: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    parts.push(b);
  };
  u32(MAGIC);
  u32(VERSION);
  u32(sorted.length);
  for (const e of sorted) {
    u32(TAG_TRUSTED_CERT);
    parts.push(javaUtf(e.alias));
    const date = Buffer.alloc(8);
    date.writeBigInt64BE(BigInt(e.date));
    parts.push(date);
    parts.push(javaUtf('X.509'));
    u32(e.der.length);
    parts.push(e.der);
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, jksDigest(password, body)]);
}

/** Reads a JKS of trusted certificates back and checks its digest (the tests read what writeJks wrote). */
export function readJks(buf: Buffer, password = DEFAULT_STOREPASS): TrustedCertEntry[] {
  if (buf.length < 12 + 20 || buf.readUInt32BE(0) !== MAGIC) throw new Error('not a JKS keystore (no 0xFEEDFEED magic)');
  const version = buf.readUInt32BE(4);
  if (version !== VERSION) throw new Error(`JKS version ${version} (only 2 is read)`);
  const count = buf.readUInt32BE(8);
  let at = 12;
  const out: TrustedCertEntry[] = [];
  for (let i = 0; i < count; i++) {
    const tag = buf.readUInt32BE(at);
    if (tag !== TAG_TRUSTED_CERT) throw new Error(`JKS entry ${i} has tag ${tag} (only trusted certificates, tag 2, are read)`);
    const [alias, afterAlias] = readJavaUtf(buf, at + 4);
    const date = Number(buf.readBigInt64BE(afterAlias));
    const [type, afterType] = readJavaUtf(buf, afterAlias + 8);
    if (type !== 'X.509') throw new Error(`JKS entry ${alias} holds a ${type} certificate`);
    const len = buf.readUInt32BE(afterType);
    const der = buf.subarray(afterType + 4, afterType + 4 + len);
    if (der.length !== len) throw new Error(`JKS entry ${alias} is cut short`);
    out.push({ alias, date, der: Buffer.from(der) });
    at = afterType + 4 + len;
  }
  if (buf.length !== at + 20) throw new Error(`JKS has ${buf.length - at} bytes after its entries, not a 20-byte digest`);
  if (!jksDigest(password, buf.subarray(0, at)).equals(buf.subarray(at))) throw new Error('JKS digest mismatch (wrong password or damaged file)');
  return out;
}

/**
 * OpenPGP verification of the archive's Release with `gpgv` (Debian's gpgv package).
 * Why gpgv rather than an npm library such as openpgp: it is what apt itself runs for this job, it reads
 * Debian's keyrings (binary OpenPGP or keybox) as shipped, it verifies and nothing else (no trust database,
 * no key management), and it hands back exactly the signed bytes of an InRelease, so text outside the
 * signature can never be parsed by mistake. openpgp.js would add a large dependency to reimplement it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';

export interface VerifiedRelease {
  /** The signed text (InRelease's body, or the Release that Release.gpg signs). */
  text: string;
  /** Fingerprint of the primary key that made a good signature. */
  signedBy: string;
}

function run(args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('gpgv', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? new InputError('gpgv is not installed (Debian package gpgv); it verifies the archive signature') : e),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/**
 * Verifies an InRelease (clearsigned; `signature` undefined) or a Release with its detached Release.gpg.
 * Succeeds only with a GOODSIG from a key in `keyrings`; an expired or revoked key is refused as apt does.
 */
export async function verifyRelease(data: Buffer, signature: Buffer | undefined, keyrings: string[], what: string): Promise<VerifiedRelease> {
  const dir = await mkdtemp(join(tmpdir(), 'whittle-gpgv-'));
  try {
    const dataPath = join(dir, 'data');
    await writeFile(dataPath, data);
    // --homedir in the temp folder: gpgv must not read or create anything in the user's ~/.gnupg.
    const args = ['--homedir', dir, '--status-fd', '2', ...keyrings.flatMap((k) => ['--keyring', k])];
    if (signature) {
      const sigPath = join(dir, 'data.gpg');
      await writeFile(sigPath, signature);
      args.push(sigPath, dataPath);
    } else {
      args.push('--output', '-', dataPath);
    }
    const { code, stdout, stderr } = await run(args);
    const status = stderr.split('\n').filter((l) => l.startsWith('[GNUPG:] '));
    const good = status.some((l) => l.startsWith('[GNUPG:] GOODSIG '));
    const validsig = status.find((l) => l.startsWith('[GNUPG:] VALIDSIG '));
    if (code !== 0 || !good || !validsig) {
      // The most telling status first: ERRSIG accompanies NO_PUBKEY but says less.
      const order = ['BADSIG', 'EXPKEYSIG', 'REVKEYSIG', 'EXPSIG', 'NO_PUBKEY', 'NODATA', 'ERRSIG'];
      const problem =
        order.map((kind) => status.find((l) => l.startsWith(`[GNUPG:] ${kind} `))).find(Boolean)?.slice(9) ?? `gpgv exit ${code}`;
      throw new InputError(`${what}: signature not valid for keyring ${keyrings.join(', ')} (${problem})`);
    }
    // VALIDSIG <sig fpr> <date> <ts> <expire> <ver> <res> <pk algo> <hash algo> <class> <primary fpr>
    const parts = validsig.split(' ');
    const signedBy = parts[11] ?? parts[2]!;
    return { text: signature ? data.toString('utf8') : stdout.toString('utf8'), signedBy };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The cleartext of a clearsigned message WITHOUT checking it (no keyring available): the caller then
 * trusts only the checksums, and says so ('checksum' verification).
 */
export function clearsignedText(data: string, what: string): string {
  const begin = data.indexOf('-----BEGIN PGP SIGNED MESSAGE-----');
  const sig = data.indexOf('\n-----BEGIN PGP SIGNATURE-----');
  const blank = data.indexOf('\n\n', begin);
  if (begin < 0 || sig < 0 || blank < 0 || blank > sig) throw new InputError(`${what}: not a clearsigned message`);
  return data
    .slice(blank + 2, sig + 1)
    .split('\n')
    .map((l) => (l.startsWith('- ') ? l.slice(2) : l))
    .join('\n');
}

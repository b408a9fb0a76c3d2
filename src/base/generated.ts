/**
 * The files maintainer scripts would have made, which whittle never runs: accounts, nsswitch.conf, os-release,
 * /tmp, the user's home, the merged-/usr symlinks, the dpkg status database (distroless's status.d layout) and
 * the certificate bundle. Pure: entries from data.
 */
import type { LayerEntry } from '../image/write/types.js';
import { ALWAYS_LINKED } from './compose.js';
import { statusStanza } from './control.js';
import type { BaseGroup, BaseUser } from './spec-types.js';

const file = (path: string, text: string | Buffer, mode = 0o644): LayerEntry => {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return { path, type: 'file', mode, uid: 0, gid: 0, data, size: data.length };
};
const dir = (path: string, mode = 0o755, uid = 0, gid = 0): LayerEntry => ({ path, type: 'directory', mode, uid, gid });

/** /etc/passwd as distroless writes it (root, nobody, nonroot), plus the spec's user when it is another. */
export function passwdText(user: BaseUser, group: BaseGroup): string {
  const lines = ['root:x:0:0:root:/root:/sbin/nologin', 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin', 'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin'];
  if (!['root', 'nobody', 'nonroot'].includes(user.name)) lines.push(`${user.name}:x:${user.uid}:${group.gid}:${user.name}:${user.home}:/sbin/nologin`);
  return lines.join('\n') + '\n';
}

export function groupText(group: BaseGroup): string {
  const lines = ['root:x:0:', 'tty:x:5:', 'staff:x:50:', 'nobody:x:65534:', 'nonroot:x:65532:'];
  if (!['root', 'tty', 'staff', 'nobody', 'nonroot'].includes(group.name)) lines.push(`${group.name}:x:${group.gid}:`);
  return lines.join('\n') + '\n';
}

/** Local files only (no libnss-db or NIS in the image), DNS for hosts. */
export const NSSWITCH = [
  'passwd:         files',
  'group:          files',
  'shadow:         files',
  'gshadow:        files',
  '',
  'hosts:          files dns',
  'networks:       files',
  '',
  'protocols:      files',
  'services:       files',
  'ethers:         files',
  'rpc:            files',
  '',
].join('\n');

const DEBIAN_VERSIONS: Record<string, string> = { buster: '10', bullseye: '11', bookworm: '12', trixie: '13', forky: '14' };

/** /etc/os-release for an image without base-files. */
export function osReleaseText(suite: string): string {
  const codename = suite.replace(/-(updates|security|backports|proposed-updates)$/, '');
  const version = DEBIAN_VERSIONS[codename];
  const lines = [
    version ? `PRETTY_NAME="Debian GNU/Linux ${version} (${codename})"` : `PRETTY_NAME="Debian GNU/Linux ${codename}"`,
    'NAME="Debian GNU/Linux"',
    ...(version ? [`VERSION_ID="${version}"`, `VERSION="${version} (${codename})"`] : []),
    `VERSION_CODENAME=${codename}`,
    'ID=debian',
    'HOME_URL="https://www.debian.org/"',
    'SUPPORT_URL="https://www.debian.org/support"',
    'BUG_REPORT_URL="https://bugs.debian.org/"',
  ];
  return lines.join('\n') + '\n';
}

export interface SystemFilesInput {
  user: BaseUser;
  group: BaseGroup;
  suite: string;
  /** os-release text from base-files when it is installed (usr/lib/os-release). */
  osRelease?: string;
}

/** The files of the first layer: accounts, nsswitch, os-release, /tmp, homes, merged-/usr links. */
export function systemFiles(input: SystemFilesInput): LayerEntry[] {
  const { user, group } = input;
  const entries: LayerEntry[] = [
    dir('etc'),
    file('etc/passwd', passwdText(user, group)),
    file('etc/group', groupText(group)),
    file('etc/nsswitch.conf', NSSWITCH),
    file('etc/os-release', input.osRelease ?? osReleaseText(input.suite)),
    dir('tmp', 0o1777),
    dir('root', 0o700),
    dir('home'),
    dir('home/nonroot', 0o700, 65532, 65532),
    dir('var'),
    dir('var/lib'),
    dir('var/lib/dpkg'),
    dir('var/lib/dpkg/status.d'),
    dir('usr'),
  ];
  if (user.uid !== 0 && user.home !== '/home/nonroot' && user.home !== '/root') {
    const parts = user.home.slice(1).split('/');
    for (let i = 1; i < parts.length; i++) entries.push(dir(parts.slice(0, i).join('/')));
    entries.push(dir(user.home.slice(1), 0o700, user.uid, group.gid));
  }
  for (const name of ALWAYS_LINKED) {
    entries.push(dir(`usr/${name}`));
    entries.push({ path: name, type: 'symlink', mode: 0o777, uid: 0, gid: 0, linkTarget: `usr/${name}` });
  }
  return entries;
}

/** A package's entries in the dpkg database: status.d/<name> (its control stanza, installed) and <name>.md5sums. */
export function statusFiles(name: string, control: readonly [string, string][], md5sums?: string): LayerEntry[] {
  const out = [file(`var/lib/dpkg/status.d/${name}`, statusStanza(control))];
  if (md5sums) out.push(file(`var/lib/dpkg/status.d/${name}.md5sums`, md5sums));
  return out;
}

/** Is this a certificate update-ca-certificates would take from the ca-certificates package? */
export function isBundledCertificate(path: string): boolean {
  return path.startsWith('usr/share/ca-certificates/') && path.endsWith('.crt');
}

/**
 * /etc/ssl/certs/ca-certificates.crt: the package's certificates concatenated, sorted by path (update-ca-certificates
 * would do it in a maintainer script; sorting makes it reproducible), each ending in a newline.
 */
export function certificateBundle(certs: readonly { path: string; data: Buffer }[]): LayerEntry[] {
  const sorted = [...certs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parts: Buffer[] = [];
  for (const c of sorted) {
    parts.push(c.data);
    if (c.data.length > 0 && c.data[c.data.length - 1] !== 0x0a) parts.push(Buffer.from('\n'));
  }
  const link = (path: string, linkTarget: string): LayerEntry => ({ path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, linkTarget });
  return [
    dir('etc/ssl'),
    dir('etc/ssl/certs'),
    file('etc/ssl/certs/ca-certificates.crt', Buffer.concat(parts)),
    // OpenSSL looks in OPENSSLDIR (/usr/lib/ssl): the openssl package's links, which the image does not need otherwise.
    dir('usr/lib/ssl'),
    link('usr/lib/ssl/certs', '/etc/ssl/certs'),
    link('usr/lib/ssl/cert.pem', '/etc/ssl/certs/ca-certificates.crt'),
  ];
}

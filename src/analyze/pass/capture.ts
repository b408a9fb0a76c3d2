/**
 * Which files the analyzers need the bytes of, by path. The pass (in a worker) asks `captureLimit` for every
 * regular file and keeps at most that many bytes; everything else is only listed. Kept as a static table so
 * the worker can import it: functions do not cross a worker boundary.
 */

const MiB = 1024 * 1024;

/** Package databases. */
export const DPKG_STATUS = '/var/lib/dpkg/status';
export const DPKG_STATUS_DIR = '/var/lib/dpkg/status.d/';
export const APK_INSTALLED = '/lib/apk/db/installed';
/** RPM databases: only their head is kept, to tell the format (sqlite, Berkeley DB, ndb). */
export const RPM_DATABASES = [
  '/var/lib/rpm/rpmdb.sqlite',
  '/var/lib/rpm/Packages',
  '/var/lib/rpm/Packages.db',
  '/usr/lib/sysimage/rpm/rpmdb.sqlite',
  '/usr/lib/sysimage/rpm/Packages.db',
];
export const OS_RELEASE = ['/etc/os-release', '/usr/lib/os-release'];
export const ACCOUNTS = ['/etc/passwd', '/etc/group'];

/** Files that may hold a secret, by name. Their content is read (small ones) and checked, never reported. */
const SECRET_NAMES = new Set([
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '.env',
  '.npmrc',
  '.pypirc',
  '.netrc',
  '.git-credentials',
  '.htpasswd',
  'credentials',
  'credentials.json',
  'service-account.json',
  '.dockercfg',
  'secrets.yaml',
  'secrets.yml',
  'secrets.json',
]);
const SECRET_EXTENSIONS = ['.pem', '.key', '.p12', '.pfx', '.jks', '.keystore', '.ppk', '.ovpn', '.kdbx'];
export const SECRET_SIZE_CAP = 64 * 1024;

/** True when the file's name suggests a credential (checked again with content by the secrets analyzer). */
export function isSecretCandidate(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (SECRET_NAMES.has(name)) return true;
  if (name.startsWith('.env.')) return true;
  if (path.endsWith('/.docker/config.json') || path.endsWith('/.aws/credentials') || path.endsWith('/.kube/config')) return true;
  // Public keys and certificates under the usual trust stores are not secrets.
  if (path.startsWith('/etc/ssl/certs/') || path.startsWith('/usr/share/ca-certificates/')) return false;
  return SECRET_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/** Bytes of this file to keep (0: none). */
export function captureLimit(path: string): number {
  if (path === DPKG_STATUS || path === APK_INSTALLED) return 64 * MiB;
  if (path.startsWith(DPKG_STATUS_DIR)) return MiB;
  if (RPM_DATABASES.includes(path)) return 64;
  if (OS_RELEASE.includes(path) || path === '/etc/alpine-release' || path === '/etc/debian_version') return 64 * 1024;
  if (ACCOUNTS.includes(path)) return MiB;
  if (isSecretCandidate(path)) return SECRET_SIZE_CAP;
  return 0;
}

/** Files at least this big get a content hash (duplicates below it cost too little to matter). */
export const HASH_MIN_SIZE = 1024;
/** How many first bytes of each file are sniffed (ELF, UPX, PEM private key, shebang). */
export const SNIFF_BYTES = 4096;

/** Attack surface of the final file system: shells, package managers, compilers, setuid files, root. */
import type { SecretReport, SurfaceReport } from '../report/inspect/model.js';
import type { AnalysisContext } from './context.js';
import { visibleText } from './context.js';
import { visibleEntries } from './fs/merged.js';

const BIN_DIRS = ['/bin/', '/usr/bin/', '/sbin/', '/usr/sbin/', '/usr/local/bin/', '/usr/local/sbin/'];
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'csh', 'tcsh', 'fish', 'busybox']);
const PACKAGE_MANAGERS = new Set(['apt', 'apt-get', 'dpkg', 'apk', 'yum', 'dnf', 'microdnf', 'rpm', 'zypper', 'pip', 'pip3', 'npm', 'yarn', 'pnpm', 'gem']);
const COMPILER = /^((x86_64|aarch64|arm|i686)[\w-]*-)?(gcc|g\+\+|cc|c\+\+|clang|clang\+\+|rustc|cargo|javac|gfortran|make|cmake)(-\d+(\.\d+)*)?$/;
const LIST_CAP = 100;

function binaryName(path: string): string | null {
  for (const dir of BIN_DIRS) if (path.startsWith(dir) && path.indexOf('/', dir.length) < 0) return path.slice(dir.length);
  if (path === '/usr/local/go/bin/go') return 'go';
  return null;
}

/** Resolves the configured user to root or not (names through /etc/passwd). */
export function isRootUser(user: string, passwd: string | null): boolean {
  const name = user.split(':')[0]!.trim();
  if (name === '' || name === 'root' || name === '0') return true;
  if (/^\d+$/.test(name)) return false;
  if (passwd) {
    for (const line of passwd.split('\n')) {
      const f = line.split(':');
      if (f[0] === name) return f[2] === '0';
    }
  }
  return false;
}

export function analyzeSurface(ctx: AnalysisContext, secrets: SecretReport[]): SurfaceReport {
  const shells: string[] = [];
  const managers: string[] = [];
  const compilers: string[] = [];
  const setuid: string[] = [];
  const setgid: string[] = [];
  const worldWritable: string[] = [];
  let headers = 0;
  for (const { entry: e } of visibleEntries(ctx.fs)) {
    const bin = e.type === 'file' || e.type === 'symlink' || e.type === 'hardlink' ? binaryName(e.path) : null;
    if (bin !== null) {
      if (SHELLS.has(bin)) shells.push(e.path);
      else if (PACKAGE_MANAGERS.has(bin)) managers.push(e.path);
      else if (COMPILER.test(bin) || bin === 'go') compilers.push(e.path);
    }
    if ((e.path.startsWith('/usr/include/') || e.path.startsWith('/usr/local/include/')) && e.type === 'file') headers++;
    if (e.type === 'file') {
      if (e.mode & 0o4000) setuid.push(e.path);
      if (e.mode & 0o2000) setgid.push(e.path);
    }
    if ((e.type === 'file' || e.type === 'dir') && e.mode & 0o002 && !(e.type === 'dir' && e.mode & 0o1000)) worldWritable.push(e.path);
  }
  const user = ctx.image.config.config?.User ?? '';
  const sorted = (a: string[]) => a.sort().slice(0, LIST_CAP);
  return {
    user,
    root: isRootUser(user, visibleText(ctx, '/etc/passwd')),
    shells: sorted(shells),
    packageManagers: sorted(managers),
    compilers: sorted(compilers),
    headerFiles: headers,
    setuid: sorted(setuid),
    setgid: sorted(setgid),
    worldWritable: sorted(worldWritable),
    secrets,
  };
}

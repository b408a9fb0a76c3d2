/**
 * The links update-alternatives would make. whittle runs no maintainer scripts, and Debian's JREs create
 * /usr/bin/java, keytool ... only in postinst (`update-alternatives --install /usr/bin/java java $basedir/bin/java
 * $priority`, in a loop over shell variables, so its lines cannot be read literally). Each JRE also ships a
 * declarative list of the same links, /usr/lib/jvm/.<alias>.jinfo (what update-java-alternatives reads): that
 * file is parsed here instead. Other packages call update-alternatives with literal words (nodejs:
 * `update-alternatives --install /usr/bin/js js /usr/bin/nodejs 200`); those lines are read too, and only when
 * every word is literal (no variable, quote or glob), so the script is never interpreted. Pure: text and path
 * sets in, link entries out.
 */
import { InputError } from '../core/errors.js';
import type { LayerEntry } from '../image/write/types.js';
import { mergedUsrPath } from './compose.js';

/** A .jinfo file: `priority=1711`, then lines `hl java /usr/lib/jvm/java-17-openjdk-amd64/bin/java`. */
export interface Jinfo {
  name?: string;
  priority: number;
  /** kind: `hl` (headless runtime), `jre` (GUI runtime), `jdkhl`, `jdk` (development tools). */
  tools: { kind: string; name: string; path: string }[];
}

/** The jinfo kinds whose link is /usr/bin/<name> (older files also list browser `plugin` entries, which go elsewhere). */
const BIN_KINDS = new Set(['hl', 'jre', 'jdkhl', 'jdk']);
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

/** Where a .jinfo file sits in a package: usr/lib/jvm/.java-1.17.0-openjdk-amd64.jinfo. */
export function isJinfoPath(path: string): boolean {
  return /^usr\/lib\/jvm\/\.[^/]+\.jinfo$/.test(path);
}

/** Parses a .jinfo; a tool line with an unsafe name or path is refused with the package and line named. */
export function parseJinfo(text: string, pkg: string, file: string): Jinfo {
  const out: Jinfo = { priority: 0, tools: [] };
  for (const [i, raw] of text.replace(/\r\n/g, '\n').split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const kv = /^([a-z_]+)=(.*)$/.exec(line);
    if (kv) {
      if (kv[1] === 'name') out.name = kv[2]!;
      if (kv[1] === 'priority' && /^-?\d+$/.test(kv[2]!)) out.priority = Number(kv[2]);
      continue;
    }
    const words = line.split(/\s+/);
    if (words.length !== 3 || !BIN_KINDS.has(words[0]!)) continue;
    const [kind, name, path] = words as [string, string, string];
    const bad = (why: string) => new InputError(`${pkg}: ${file}:${i + 1}: ${why}`);
    if (!SAFE_NAME.test(name)) throw bad(`unsafe tool name ${JSON.stringify(name)}`);
    if (!path.startsWith('/') || path.split('/').some((p) => p === '..' || p === '.') || path.includes('\0')) throw bad(`unsafe tool path ${JSON.stringify(path)}`);
    out.tools.push({ kind, name, path });
  }
  return out;
}

export interface AlternativeCandidate {
  /** The alternative's name (`java`, `js`). */
  name: string;
  /** Link path, relative (`usr/bin/java`). */
  link: string;
  /** Absolute target (`/usr/lib/jvm/java-17-openjdk-amd64/bin/java`). */
  target: string;
  priority: number;
}

/** A link or target path as the image holds it: merged /usr (`/bin/x` is `usr/bin/x`), relative. */
const inImage = (path: string): string => mergedUsrPath(path.slice(1)) ?? path.slice(1);

/** The candidates of one .jinfo: /usr/bin/<name> for each tool. */
export function jinfoCandidates(jinfo: Jinfo): AlternativeCandidate[] {
  return jinfo.tools.map((t) => ({ name: t.name, link: `usr/bin/${t.name}`, target: `/${inImage(t.path)}`, priority: jinfo.priority }));
}

const LITERAL_PATH = /^\/[A-Za-z0-9._+/-]+$/;
const isLiteralPath = (w: string | undefined): w is string => w !== undefined && LITERAL_PATH.test(w) && !w.split('/').some((p) => p === '..' || p === '.');
const isName = (w: string | undefined): w is string => w !== undefined && SAFE_NAME.test(w);
/** Words that end a command on its line. */
const COMMAND_END = new Set([';', '&&', '||', '|', 'fi', 'then', 'else']);

/**
 * The `update-alternatives --install LINK NAME PATH PRIORITY [--slave LINK NAME PATH]...` commands of a postinst
 * whose words are all literal, one candidate per link (slaves take their master's priority), less the groups
 * literal `--remove NAME PATH` / `--remove-all NAME` lines of the same script take away. A command with any other
 * word (a variable, a quote, an option whittle does not know) is skipped whole: the script is read, never
 * interpreted. Only links under /usr are kept (an alternative elsewhere is configuration, such as /etc/x.cnf).
 */
export function postinstAlternatives(script: string): AlternativeCandidate[] {
  const groups: AlternativeCandidate[][] = [];
  const removed: { name: string; path?: string }[] = [];
  for (const line of script.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const words = line.trim().split(/\s+/);
    if (words[0] !== 'update-alternatives') continue;
    let i = 1;
    while (words[i] === '--quiet' || words[i] === '--force') i++;
    const end = (at: number) => at >= words.length || COMMAND_END.has(words[at]!) || words[at]!.startsWith('#') || /^\d?>/.test(words[at]!);
    if (words[i] === '--remove' && isName(words[i + 1]) && isLiteralPath(words[i + 2]) && end(i + 3)) removed.push({ name: words[i + 1]!, path: words[i + 2]! });
    if (words[i] === '--remove-all' && isName(words[i + 1]) && end(i + 2)) removed.push({ name: words[i + 1]! });
    if (words[i] !== '--install') continue;
    const [link, name, path, priority] = words.slice(i + 1, i + 5);
    if (!isLiteralPath(link) || !isName(name) || !isLiteralPath(path) || !/^-?\d+$/.test(priority ?? '')) continue;
    const group: AlternativeCandidate[] = [{ name, link: inImage(link), target: `/${inImage(path)}`, priority: Number(priority) }];
    let at = i + 5;
    while (words[at] === '--slave' && isLiteralPath(words[at + 1]) && isName(words[at + 2]) && isLiteralPath(words[at + 3])) {
      group.push({ name: words[at + 2]!, link: inImage(words[at + 1]!), target: `/${inImage(words[at + 3]!)}`, priority: Number(priority) });
      at += 4;
    }
    if (end(at)) groups.push(group);
  }
  const master = (g: AlternativeCandidate[]) => g[0]!;
  return groups
    .filter((g) => !removed.some((r) => r.name === master(g).name && (r.path === undefined || `/${inImage(r.path)}` === master(g).target)))
    .flat()
    .filter((c) => c.link.startsWith('usr/'));
}

/**
 * One winner per link, as update-alternatives' auto mode picks: the highest priority; among equals the smallest
 * target path (update-alternatives would keep whichever came first, which depends on install order; whittle has
 * none, so it picks by name). Candidates whose target the image does not hold are left out (a JRE's .jinfo also
 * lists the JDK's tools, which exist only when the JDK is installed; its postinst would link them then), and so
 * are links a package ships itself (update-alternatives never replaces a real file).
 */
export function chooseAlternatives(candidates: readonly AlternativeCandidate[], imagePaths: ReadonlySet<string>): AlternativeCandidate[] {
  const best = new Map<string, AlternativeCandidate>();
  for (const c of candidates) {
    if (!imagePaths.has(c.target.slice(1)) || imagePaths.has(c.link)) continue;
    const prev = best.get(c.link);
    if (!prev || c.priority > prev.priority || (c.priority === prev.priority && c.target < prev.target)) best.set(c.link, c);
  }
  return [...best.values()].sort((a, b) => (a.link < b.link ? -1 : 1));
}

/**
 * The link entry. Straight to the target: update-alternatives goes through /etc/alternatives/<name>, which only
 * matters to a later update-alternatives run, and images have none (no dpkg).
 */
export function alternativeLink(c: AlternativeCandidate): LayerEntry {
  return { path: c.link, type: 'symlink', mode: 0o777, uid: 0, gid: 0, linkTarget: c.target };
}

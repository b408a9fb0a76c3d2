/**
 * System packages sorted into what only the build needs (compilers, headers, fetch tools, the toolchain the
 * builder image brings anyway) and what the application needs at run time (the shared libraries the headers
 * belong to, the command-line tools it calls).
 */
import type { StackName } from './types.js';

/** A `-dev` package (Debian) or its Alpine spelling to the runtime library it builds against. */
const RUNTIME_LIBRARY: Record<string, string> = {
  // Debian bookworm
  'libpq-dev': 'libpq5',
  'libssl-dev': 'libssl3',
  'libffi-dev': 'libffi8',
  'libxml2-dev': 'libxml2',
  'libxslt1-dev': 'libxslt1.1',
  'libjpeg-dev': 'libjpeg62-turbo',
  'libjpeg62-turbo-dev': 'libjpeg62-turbo',
  'zlib1g-dev': 'zlib1g',
  'default-libmysqlclient-dev': 'libmariadb3',
  'libmariadb-dev': 'libmariadb3',
  'libmariadb-dev-compat': 'libmariadb3',
  'libyaml-dev': 'libyaml-0-2',
  'libpng-dev': 'libpng16-16',
  'libfreetype6-dev': 'libfreetype6',
  'libfreetype-dev': 'libfreetype6',
  'libsqlite3-dev': 'libsqlite3-0',
  'libcurl4-openssl-dev': 'libcurl4',
  'libbz2-dev': 'libbz2-1.0',
  'liblzma-dev': 'liblzma5',
  'libzstd-dev': 'libzstd1',
  'libgmp-dev': 'libgmp10',
  'libsasl2-dev': 'libsasl2-2',
  'libldap2-dev': 'libldap-2.5-0',
  'libldap-dev': 'libldap-2.5-0',
  'libgeos-dev': 'libgeos-c1v5',
  'libmagic-dev': 'libmagic1',
  'libwebp-dev': 'libwebp7',
  'libtiff-dev': 'libtiff6',
  'libtiff5-dev': 'libtiff6',
  'liblcms2-dev': 'liblcms2-2',
  'libopenjp2-7-dev': 'libopenjp2-7',
  'libhdf5-dev': 'libhdf5-103-1',
  'libblas-dev': 'libblas3',
  'liblapack-dev': 'liblapack3',
  'libopenblas-dev': 'libopenblas0',
  'libgdal-dev': 'libgdal32',
  'libcairo2-dev': 'libcairo2',
  'libglib2.0-dev': 'libglib2.0-0',
  'libgomp1-dev': 'libgomp1',
  'libsnappy-dev': 'libsnappy1v5',
  'libkrb5-dev': 'libkrb5-3',
  'libuv1-dev': 'libuv1',
  // Alpine
  'postgresql-dev': 'libpq',
  'libpq-dev@alpine': 'libpq',
  'openssl-dev': 'libssl3',
  'libffi-dev@alpine': 'libffi',
  'libxml2-dev@alpine': 'libxml2',
  'libxslt-dev': 'libxslt',
  'jpeg-dev': 'libjpeg-turbo',
  'libjpeg-turbo-dev': 'libjpeg-turbo',
  'zlib-dev': 'zlib',
  'mariadb-dev': 'mariadb-connector-c',
  'mariadb-connector-c-dev': 'mariadb-connector-c',
  'yaml-dev': 'yaml',
  'sqlite-dev': 'sqlite-libs',
};

/** Compilers, build systems and fetch tools: the build needs them, the running application does not. */
const BUILD_ONLY = new Set([
  'build-essential', 'gcc', 'g++', 'cpp', 'clang', 'make', 'cmake', 'ninja-build', 'autoconf', 'automake', 'libtool',
  'pkg-config', 'pkgconf', 'musl-dev', 'linux-headers', 'libc6-dev', 'libc-dev', 'binutils', 'git', 'mercurial',
  'subversion', 'curl', 'wget', 'unzip', 'xz-utils', 'bzip2', 'patch', 'swig', 'bison', 'flex', 'gfortran',
  'python3-setuptools', 'python3-wheel', 'python3-wheel-whl', 'python3-pip', 'python3-venv', 'cython3', 'dpkg-dev',
  'ca-certificates-java', 'gnupg', 'dirmngr', 'apt-transport-https', 'software-properties-common',
]);

/** The toolchain itself: replaced by the builder image (or its `install:` list), never carried over as is. */
const TOOLCHAIN: Record<StackName, RegExp> = {
  go: /^(golang(-[\d.]+)?(-go)?|go)$/,
  python: /^(python3?(\.\d+)?|python3?(\.\d+)?-(minimal|full|venv|pip|distutils|lib2to3)|python-is-python3|pip|py3-pip)$/,
  node: /^(nodejs|npm|yarnpkg|node-gyp|yarn)$/,
  java: /^(default-jdk(-headless)?|default-jre(-headless)?|openjdk-\d+-(jdk|jre)(-headless)?|maven|gradle|ant|openjdk\d+(-jdk|-jre)?)$/,
  rust: /^(rustc|cargo|rust-all|rustup)$/,
};

/** Tools the application may call at run time: kept when the runtime can install them, reported otherwise. */
const RUNTIME_TOOLS = new Set([
  'postgresql-client', 'default-mysql-client', 'mariadb-client', 'mysql-client', 'redis-tools', 'sqlite3', 'ffmpeg',
  'imagemagick', 'ghostscript', 'poppler-utils', 'wkhtmltopdf', 'gettext', 'tzdata', 'ca-certificates', 'netcat-openbsd',
  'openssh-client', 'rsync', 'jq', 'tini', 'dumb-init', 'libpq5', 'locales',
]);

export type PackageRole =
  | { role: 'toolchain' }
  | { role: 'build'; runtimeLibrary?: string }
  | { role: 'runtime' }
  | { role: 'unknown-dev' };

/** The package name without a version pin or an architecture: `libpq-dev=15.*` -> `libpq-dev`. */
export function packageName(spec: string): string {
  return spec.replace(/[=<>].*$/, '').replace(/:[a-z0-9]+$/, '');
}

/**
 * What a package is for. A `-dev` package is build-only and names the runtime library it builds against (from the
 * table); a `-dev` package the table does not know stays in the builder and is reported (`unknown-dev`).
 */
export function classifyPackage(spec: string, stack: StackName, manager: 'apt' | 'apk'): PackageRole {
  const name = packageName(spec);
  if (TOOLCHAIN[stack].test(name)) return { role: 'toolchain' };
  // Outside a Python app, python3 is there for build scripts (node-gyp, configure), not for the application.
  if (stack !== 'python' && /^python3?(-minimal)?$/.test(name)) return { role: 'build' };
  if (BUILD_ONLY.has(name)) return { role: 'build' };
  const key = manager === 'apk' && RUNTIME_LIBRARY[`${name}@alpine`] ? `${name}@alpine` : name;
  const lib = RUNTIME_LIBRARY[key];
  if (lib) return { role: 'build', runtimeLibrary: lib };
  if (/^python3(\.\d+)?-dev$/.test(name) || name.endsWith('-headers') || name === 'linux-libc-dev') return { role: 'build' };
  if (/-dev$/.test(name)) return { role: 'unknown-dev' };
  return { role: 'runtime' };
}

/** Runtime tools the application calls (as opposed to libraries it links). */
export function isRuntimeTool(name: string): boolean {
  return RUNTIME_TOOLS.has(packageName(name));
}

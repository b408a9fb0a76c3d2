/**
 * Each template on a context generated here: the result parses, lints clean with whittle's own rules, builds in a
 * builder stage from the catalogue and runs from the catalogue's runtime, non-root, exec-form ENTRYPOINT, with the
 * original's ports, env, labels and workdir; build-only packages in the builder only, runtime libraries at run time.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entrypointOf, expectOptimized, GO_MAIN, GO_NAIVE, lintProblems, optimizeContext, readBack, userOf } from './helpers.js';

const DEBIAN = 'registry.corp/base/debian:bookworm';

async function clean(result: { dockerfile: string; dockerignore: string | null }, dir: string): Promise<void> {
  assert.deepEqual(await lintProblems(result.dockerfile, dir, result.dockerignore), [], result.dockerfile);
}

function assertNonRoot(user: string | undefined): void {
  assert.ok(user !== undefined && !/^(root|0)(:|$)/.test(user), `USER ${user}`);
}

describe('Go template', () => {
  const files = { Dockerfile: GO_NAIVE, 'go.mod': 'module example.com/hello\n\ngo 1.19\n', 'main.go': GO_MAIN };

  it('builds a static binary on the catalogue runtime, keeping ports, env and labels', async () => {
    const catalogue = { go: { builder: { image: DEBIAN, install: ['golang-go'] }, runtime: 'scratch' } };
    const { dir, result } = await optimizeContext(files, catalogue);
    const r = expectOptimized(result);
    await clean(r, dir);
    const { df, builder, final, builderText, finalText } = await readBack(r.dockerfile);
    assert.equal(df.stages.length, 2);
    assert.equal(builder.baseImage, DEBIAN);
    assert.equal(final.baseImage, 'scratch');
    assert.match(builderText, /apt-get install -y --no-install-recommends golang-go ca-certificates/);
    assert.match(builderText, /CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o \/rootfs\/usr\/local\/bin\/hello \./);
    assert.doesNotMatch(finalText, /golang|apt-get/);
    assert.deepEqual(entrypointOf(final), ['/usr/local/bin/hello']);
    assertNonRoot(userOf(final));
    assert.match(finalText, /EXPOSE 8080/);
    assert.match(finalText, /ENV APP_MODE=production/);
    assert.match(finalText, /LABEL org\.opencontainers\.image\.title=hello/);
    // scratch lacks certificates and /etc/passwd: the builder stages them.
    assert.match(builderText, /ca-certificates\.crt \/rootfs\/etc\/ssl\/certs\//);
    assert.match(builderText, /nonroot:x:65532:65532/);
    assert.ok(r.changes.some((c) => c.effect === 'security' && /65532/.test(c.title)));
  });

  it('copies go.mod and go.sum and downloads modules before the sources when the module has requirements', async () => {
    const withDeps = { ...files, 'go.mod': 'module example.com/hello\n\ngo 1.21\n\nrequire golang.org/x/text v0.14.0\n', 'go.sum': 'golang.org/x/text v0.14.0 h1:x\n' };
    const { dir, result } = await optimizeContext(withDeps);
    const r = expectOptimized(result);
    await clean(r, dir);
    const { builder } = await readBack(r.dockerfile);
    const order = builder.instructions.map((i) => i.text.split('\n')[0]);
    const mod = order.findIndex((t) => t === 'COPY go.mod go.sum ./');
    const download = order.findIndex((t) => /go mod download/.test(t!));
    const sources = order.findIndex((t) => t === 'COPY . .');
    assert.ok(mod >= 0 && mod < download && download < sources, order.join(' | '));
    // Default catalogue: an official Go builder, a static distroless runtime that already has certificates and passwd.
    assert.equal(r.builder, 'golang:1.22-bookworm');
    assert.match(r.runtime, /distroless\/static/);
    assert.doesNotMatch(r.dockerfile, /\/rootfs\/etc\/passwd/);
  });

  it('skips the download step with no requirements, and uses cache mounts only for BuildKit', async () => {
    const plain = expectOptimized((await optimizeContext(files)).result);
    assert.doesNotMatch(plain.dockerfile, /go mod download|--mount=type=cache/);
    const withDeps = { ...files, 'go.mod': 'module example.com/hello\n\ngo 1.21\n\nrequire golang.org/x/text v0.14.0\n' };
    const { dir, result } = await optimizeContext(withDeps, undefined, { engine: 'buildkit' });
    const bk = expectOptimized(result);
    await clean(bk, dir);
    assert.match(bk.dockerfile, /^# syntax=docker\/dockerfile:1/);
    assert.match(bk.dockerfile, /RUN --mount=type=cache,target=\/go\/pkg\/mod go mod download/);
    assert.match(bk.dockerfile, /--mount=type=cache,target=\/root\/.cache\/go-build/);
    const buildah = expectOptimized((await optimizeContext(withDeps, undefined, { engine: 'buildah' })).result);
    assert.doesNotMatch(buildah.dockerfile, /--mount/);
  });

  it('builds with cgo on a glibc runtime when a source imports "C"', async () => {
    const cgo = { ...files, 'native.go': 'package main\n\n// #include <stdlib.h>\nimport "C"\n' };
    const { dir, result } = await optimizeContext(cgo);
    const r = expectOptimized(result);
    await clean(r, dir);
    assert.match(r.dockerfile, /CGO_ENABLED=1 go build/);
    assert.match(r.runtime, /distroless\/base/);
    const refused = (await optimizeContext(cgo, undefined, { baseRuntime: 'scratch' })).result;
    assert.equal(refused.kind, 'refused');
    assert.match(refused.kind === 'refused' ? refused.reasons.join('\n') : '', /cgo.*no C library/);
  });
});

describe('Python template', () => {
  const files = {
    Dockerfile: `FROM debian:bookworm
RUN apt-get update
RUN apt-get install -y python3 python3-pip python3-dev build-essential libpq-dev postgresql-client
WORKDIR /srv/shop
COPY . .
RUN pip install --no-build-isolation --break-system-packages -r requirements.txt
ENV DJANGO_SETTINGS_MODULE=shop.settings PYTHONUNBUFFERED=1
EXPOSE 8000
CMD python3 manage.py runserver 0.0.0.0:8000
`,
    'requirements.txt': 'Django==4.2.11\n./vendor/pgclient\n',
    'vendor/pgclient/setup.py': 'from setuptools import Extension, setup\nsetup(ext_modules=[Extension("pgclient", sources=["pgclient.c"], libraries=["pq"])])\n',
    'vendor/pgclient/pgclient.c': '/* a C extension linking libpq */\n',
    'manage.py': 'print("manage")\n',
    'shop/settings.py': 'DEBUG = False\n',
  };

  it('on an apt runtime: build tools and headers in the builder, libpq5 and postgresql-client in the runtime', async () => {
    const catalogue = {
      python: {
        builder: { image: DEBIAN, install: ['python3', 'python3-venv'] },
        runtime: { image: 'registry.corp/base/debian:bookworm-slim', install: ['python3'] },
      },
    };
    const { dir, result } = await optimizeContext(files, catalogue);
    const r = expectOptimized(result);
    await clean(r, dir);
    const { builderText, finalText, builder, final } = await readBack(r.dockerfile);
    assert.equal(builder.baseImage, DEBIAN);
    assert.equal(final.baseImage, 'registry.corp/base/debian:bookworm-slim');
    for (const pkg of ['build-essential', 'libpq-dev', 'python3-dev']) {
      assert.match(builderText, new RegExp(`install[^\\n]*\\b${pkg}\\b`));
      assert.doesNotMatch(finalText, new RegExp(`\\b${pkg}\\b`));
    }
    assert.match(finalText, /apt-get install -y --no-install-recommends python3 libpq5 postgresql-client/);
    assert.doesNotMatch(finalText, /python3-pip|gcc/);
    // Requirements and the local package they name are installed before the sources arrive.
    const order = builder.instructions.map((i) => i.text.split('\n')[0]!);
    const req = order.indexOf('COPY requirements.txt ./requirements.txt');
    const local = order.indexOf('COPY vendor/pgclient ./vendor/pgclient/');
    const pip = order.findIndex((t) => /pip install --no-cache-dir --no-build-isolation -r requirements\.txt/.test(t));
    assert.ok(req >= 0 && local >= 0 && pip > Math.max(req, local), order.join(' | '));
    assert.ok(!order.includes('COPY . .'), 'the sources are not needed to install the requirements');
    assert.doesNotMatch(r.dockerfile, /break-system-packages/);
    assert.match(finalText, /COPY --from=builder \/opt\/venv \/opt\/venv/);
    assert.match(finalText, /WORKDIR \/srv\/shop/);
    assert.match(finalText, /ENV DJANGO_SETTINGS_MODULE=shop\.settings \\\n\s+PYTHONUNBUFFERED=1/);
    assert.match(finalText, /EXPOSE 8000/);
    assert.deepEqual(entrypointOf(final), ['/opt/venv/bin/python3', 'manage.py', 'runserver', '0.0.0.0:8000']);
    assertNonRoot(userOf(final));
  });

  it('on a runtime with no package manager: the ldd closure of the venv is copied, minus what the base provides', async () => {
    const catalogue = {
      python: {
        builder: { image: DEBIAN, install: ['python3', 'python3-venv'] },
        runtime: { image: 'localhost/python3-runtime:bookworm', shell: false, packageManager: 'none', libc: 'glibc', interpreter: '/usr/bin/python3', pythonVersion: '3.11', provides: ['libpq5'] },
      },
    };
    const { dir, result } = await optimizeContext(files, catalogue);
    const r = expectOptimized(result);
    await clean(r, dir);
    const { builderText, finalText } = await readBack(r.dockerfile);
    assert.match(builderText, /ldd "\$so"/);
    assert.match(builderText, /want="libc6 libpq5 python3"/);
    assert.match(finalText, /COPY --from=builder \/runtime-libs\/ \//);
    assert.doesNotMatch(finalText, /^RUN /m, 'nothing runs in a runtime without a shell');
    assert.ok(r.changes.some((c) => /postgresql-client/.test(c.title) && c.effect === 'behaviour'), 'the left-out tool is reported');
    assert.ok(r.changes.some((c) => /ldd|shared libraries/i.test(c.title)), 'the closure copy is explained');
    // --no-build-isolation kept, with Debian's wheel in the venv (the venv has setuptools, not wheel).
    assert.match(builderText, /python3-wheel-whl/);
    assert.match(builderText, /pip install --no-cache-dir \/usr\/share\/python-wheels\/wheel-\*\.whl/);
  });

  it('refuses a venv built by one interpreter for another', async () => {
    const catalogue = { python: { builder: 'python:3.12-slim', runtime: { image: 'localhost/py:1', shell: false, packageManager: 'none', libc: 'glibc', interpreter: '/usr/bin/python3' } } };
    const { result } = await optimizeContext(files, catalogue);
    assert.equal(result.kind, 'refused');
    assert.match(result.kind === 'refused' ? result.reasons.join('\n') : '', /venv only runs on the interpreter/);
  });
});

describe('Node template', () => {
  const files = {
    Dockerfile: 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y nodejs npm\nWORKDIR /usr/src/app\nCOPY . .\nRUN npm install\nENV PORT=3000\nEXPOSE 3000\nCMD npm start\n',
    'package.json': JSON.stringify({ name: 'app', version: '1.0.0', scripts: { start: 'node src/server.js' }, dependencies: { greeting: 'file:vendor/greeting' } }),
    'package-lock.json': '{"lockfileVersion":3}\n',
    '.npmrc': 'install-links=true\n',
    'vendor/greeting/package.json': '{"name":"greeting","version":"1.0.0"}\n',
    'src/server.js': 'console.log("hi")\n',
  };

  it('installs production dependencies from the lock in a deps stage and starts node, not npm', async () => {
    const { dir, result } = await optimizeContext(files);
    const r = expectOptimized(result);
    await clean(r, dir);
    const { builder, final, builderText, finalText } = await readBack(r.dockerfile);
    assert.equal(builder.baseImage, 'node:20-bookworm-slim');
    assert.match(final.baseImage, /distroless\/nodejs20/);
    assert.match(builderText, /COPY package\.json package-lock\.json \.npmrc \.\//);
    assert.match(builderText, /COPY vendor\/greeting \.\/vendor\/greeting\//);
    assert.match(builderText, /npm ci --omit=dev/);
    assert.match(finalText, /COPY --from=deps \/usr\/src\/app\/node_modules \/usr\/src\/app\/node_modules/);
    assert.doesNotMatch(finalText, /\bnpm\b/);
    assert.deepEqual(entrypointOf(final), ['/nodejs/bin/node', 'src/server.js']);
    assert.match(finalText, /ENV PORT=3000/);
    assertNonRoot(userOf(final));
  });

  it('refuses an npm start script with shell features (the runtime has no npm and no shell)', async () => {
    const pkg = JSON.stringify({ name: 'app', scripts: { start: 'node migrate.js && node server.js' } });
    const { result } = await optimizeContext({ ...files, 'package.json': pkg });
    assert.equal(result.kind, 'refused');
  });
});

describe('Java template', () => {
  const files = {
    Dockerfile: `FROM debian:bookworm
RUN apt-get update && apt-get install -y default-jdk
WORKDIR /opt/app
COPY . .
RUN mkdir -p build/classes && javac -d build/classes $(find src -name '*.java') && jar --create --file app.jar --main-class demo.Main -C build/classes .
EXPOSE 8080
CMD java -jar app.jar
`,
    'src/demo/Main.java': 'package demo;\npublic class Main { public static void main(String[] a) { System.out.println("hi"); } }\n',
  };

  it('builds plain javac sources with the JDK and runs the jar on a JRE', async () => {
    const catalogue = { java: { builder: { image: DEBIAN, install: ['default-jdk-headless'] }, runtime: { image: 'registry.corp/base/debian:bookworm-slim', install: ['default-jre-headless'] } } };
    const { dir, result } = await optimizeContext(files, catalogue);
    const r = expectOptimized(result);
    await clean(r, dir);
    const { final, builderText, finalText } = await readBack(r.dockerfile);
    assert.match(builderText, /default-jdk-headless/);
    assert.match(builderText, /javac -d build\/classes/);
    assert.doesNotMatch(finalText, /jdk/);
    assert.match(finalText, /default-jre-headless/);
    assert.match(finalText, /COPY --from=builder \/opt\/app\/app\.jar \/opt\/app\/app\.jar/);
    assert.deepEqual(entrypointOf(final), ['/usr/bin/java', '-jar', 'app.jar']);
    assertNonRoot(userOf(final));
  });

  it('resolves the POM before the sources for Maven', async () => {
    const maven = { ...files, Dockerfile: 'FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B package -DskipTests\nCMD ["java", "-jar", "target/app-1.0.jar"]\n', 'pom.xml': '<project/>\n' };
    const { dir, result } = await optimizeContext(maven);
    const r = expectOptimized(result);
    await clean(r, dir);
    const { builder, final } = await readBack(r.dockerfile);
    const order = builder.instructions.map((i) => i.text);
    assert.ok(order.indexOf('COPY pom.xml ./') < order.findIndex((t) => /go-offline/.test(t)));
    assert.ok(order.findIndex((t) => /go-offline/.test(t)) < order.findIndex((t) => t.startsWith('COPY . ')));
    assert.deepEqual(entrypointOf(final), ['/usr/bin/java', '-jar', 'target/app-1.0.jar']);
  });
});

describe('Rust template', () => {
  it('caches dependencies against a placeholder main and ships the release binary', async () => {
    const files = {
      Dockerfile: 'FROM rust:1-bookworm\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nEXPOSE 9000\nCMD ["./target/release/svc"]\n',
      'Cargo.toml': '[package]\nname = "svc"\nversion = "0.1.0"\nedition = "2021"\n',
      'Cargo.lock': '# lock\n',
      'src/main.rs': 'fn main() {}\n',
    };
    const { dir, result } = await optimizeContext(files);
    const r = expectOptimized(result);
    await clean(r, dir);
    const { final, builderText } = await readBack(r.dockerfile);
    assert.match(builderText, /echo 'fn main\(\) \{\}' > src\/main\.rs/);
    assert.match(builderText, /cargo build --release --locked/);
    assert.deepEqual(entrypointOf(final), ['/usr/local/bin/svc']);
    assert.match(final.baseImage, /distroless\/cc/);
  });
});

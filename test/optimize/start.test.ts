/** What the runtime keeps of the original's start-up: ENTRYPOINT and CMD split, HEALTHCHECK, ARG-based values. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectOptimized, GO_MAIN, lintProblems, optimizeContext, readBack } from './helpers.js';

const head = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y golang-go\nWORKDIR /src\nCOPY . .\nRUN go build -o server .\n';
const files = (tail: string): Record<string, string> => ({ Dockerfile: head + tail, 'go.mod': 'module example.com/server\n\ngo 1.19\n', 'main.go': GO_MAIN });

describe('start-up settings', () => {
  it('an exec ENTRYPOINT keeps its CMD as arguments; a relative binary path is resolved against WORKDIR', async () => {
    const { dir, result } = await optimizeContext(files('ENTRYPOINT ["./server"]\nCMD ["--port", "8080"]\n'));
    const r = expectOptimized(result);
    assert.deepEqual(await lintProblems(r.dockerfile, dir, r.dockerignore), []);
    assert.match(r.dockerfile, /-o \/rootfs\/src\/server \./);
    assert.match(r.dockerfile, /ENTRYPOINT \["\/src\/server"\]\nCMD \["--port", "8080"\]/);
  });

  it('drops a HEALTHCHECK the runtime cannot run and says so; keeps ARG-based ports with their ARG', async () => {
    const { dir, result } = await optimizeContext(files('ARG PORT=8080\nEXPOSE ${PORT}\nHEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1\nCMD ["./server"]\n'));
    const r = expectOptimized(result);
    assert.deepEqual(await lintProblems(r.dockerfile, dir, r.dockerignore), []);
    const { finalText } = await readBack(r.dockerfile);
    assert.doesNotMatch(finalText, /HEALTHCHECK/);
    assert.ok(r.changes.some((c) => c.title === 'HEALTHCHECK left out'));
    assert.match(finalText, /EXPOSE 8080/);
  });

  it('keeps a HEALTHCHECK that runs the binary itself, even on scratch', async () => {
    const { result } = await optimizeContext(files('HEALTHCHECK CMD ["/src/server", "-version"]\nCMD ["./server"]\n'), undefined, { baseRuntime: 'scratch' });
    assert.match(expectOptimized(result).dockerfile, /HEALTHCHECK CMD \["\/src\/server", "-version"\]/);
  });

  it('keeps a HEALTHCHECK on a runtime with a shell and a package manager', async () => {
    const { result } = await optimizeContext(files('HEALTHCHECK CMD wget -q -O- http://localhost:8080/\nCMD ["./server"]\n'), undefined, { baseRuntime: 'debian:bookworm-slim' });
    const r = expectOptimized(result);
    assert.match(r.dockerfile, /HEALTHCHECK CMD wget/);
  });
});

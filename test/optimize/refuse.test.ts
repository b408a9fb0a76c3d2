/** When the rewrite would not be safe, the optimizer refuses, one line per reason, and proposes no Dockerfile. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GO_MAIN, optimizeContext } from './helpers.js';

const goFiles = (dockerfile: string): Record<string, string> => ({ Dockerfile: dockerfile, 'go.mod': 'module example.com/hello\n\ngo 1.19\n', 'main.go': GO_MAIN });
const GO_HEAD = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y golang-go\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/hello .\n';

async function reasons(files: Record<string, string>, catalogue?: unknown, options = {}): Promise<string[]> {
  const { result } = await optimizeContext(files, catalogue, options);
  assert.equal(result.kind, 'refused', result.kind === 'optimized' ? result.dockerfile : '');
  return result.kind === 'refused' ? result.reasons : [];
}

describe('refusals', () => {
  it('an unknown stack', async () => {
    const r = await reasons({ Dockerfile: 'FROM debian:bookworm\nCOPY run.sh /run.sh\nCMD ["/run.sh"]\n', 'run.sh': 'echo hi\n' });
    assert.equal(r.length, 1);
    assert.match(r[0]!, /no stack found/);
  });

  it('Ruby is detected, then refused with the reason', async () => {
    const r = await reasons({ Dockerfile: 'FROM ruby:3.3\nCOPY . .\nRUN bundle install\nCMD ["ruby", "app.rb"]\n', Gemfile: "source 'https://rubygems.org'\n" });
    assert.ok(r.some((x) => /Ruby \(Gemfile\) is detected/.test(x)), r.join('\n'));
  });

  it('a RUN it cannot classify that the runtime may need, naming the line and the program', async () => {
    const r = await reasons(goFiles(`${GO_HEAD}RUN python3 /src/gen-config.py > /etc/hello.conf\nCMD ["hello"]\n`));
    assert.ok(r.some((x) => /^line 6: RUN .*python3/.test(x)), r.join('\n'));
  });

  it('a shell-form CMD with shell features on a runtime with no shell', async () => {
    const r = await reasons(goFiles(`${GO_HEAD}CMD hello --port=$PORT\n`));
    assert.ok(r.some((x) => /CMD uses shell features .* has no shell/.test(x)), r.join('\n'));
  });

  it('keeps such a CMD under sh -c, exec-ing the last command, when the runtime has a shell', async () => {
    const { result } = await optimizeContext(goFiles(`${GO_HEAD}CMD hello --port=$PORT\n`), undefined, { baseRuntime: 'debian:bookworm-slim' });
    assert.equal(result.kind, 'optimized');
    assert.match(result.kind === 'optimized' ? result.dockerfile : '', /ENTRYPOINT \["\/bin\/sh", "-c", "exec hello --port=\$PORT"\]/);
  });

  it('ONBUILD, SHELL and an already multi-stage file, each on its own line', async () => {
    const r = await reasons(goFiles(`FROM golang:1.22 AS build\nFROM debian:bookworm\nSHELL ["/bin/bash", "-c"]\nONBUILD RUN echo child\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/hello .\nCMD ["hello"]\n`));
    assert.ok(r.some((x) => /already has 2 stages/.test(x)));
    assert.ok(r.some((x) => /ONBUILD/.test(x)));
    assert.ok(r.some((x) => /SHELL/.test(x)));
  });

  it('a start command that is not what the build produces', async () => {
    const r = await reasons(goFiles(`${GO_HEAD}CMD ["/usr/bin/other"]\n`));
    assert.ok(r.some((x) => /not the binary the Dockerfile builds/.test(x)), r.join('\n'));
  });

  it('several stacks with nothing in the Dockerfile to choose between them', async () => {
    const r = await reasons({ Dockerfile: 'FROM debian:bookworm\nCOPY . /app\nCMD ["/app/run"]\n', 'go.mod': 'module x\n', 'package.json': '{}' });
    assert.match(r[0]!, /several stacks found \(go, node\)/);
  });
});

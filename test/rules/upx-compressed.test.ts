import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../src/core/edits.js';
import { lintText } from '../../src/lint/engine.js';
import { upxCompressed } from '../../src/rules/upx-compressed.js';
import { ruleTests } from './rule-tester.js';

ruleTests(upxCompressed, {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build -ldflags="-s -w" -o /app .\nFROM scratch\nCOPY --from=build /app /app\n',
    { name: 'stage the final image never uses', code: 'FROM alpine:3.20 AS packed\nRUN apk add upx && upx /bin/busybox\nFROM alpine:3.20\nCMD ["sh"]\n' },
    { name: 'a word that only looks like it', code: 'FROM alpine:3.20\nRUN echo upx && apk add --no-cache upx-docs-nothing\n' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app . && upx --best /app\nFROM scratch\nCOPY --from=build /app /app\n',
      errors: [{ line: 2, column: 27, message: 'UPX' }],
    },
    { code: 'FROM alpine:3.20\nRUN apk add --no-cache upx\n', errors: [{ line: 2, column: 24, message: 'installed' }] },
    { name: 'installed and run: one finding', code: 'FROM debian:bookworm-slim\nRUN apt-get install -y upx-ucl && upx-ucl /usr/bin/app\n', errors: [{ line: 2, column: 35 }] },
    { name: 'through sudo', code: 'FROM alpine:3.20\nRUN sudo upx -9 /app\n', errors: [{ line: 2 }] },
    { name: 'heredoc body', code: 'FROM alpine:3.20\nRUN <<EOF\nset -e\nupx /app\nEOF\n', errors: [{ line: 4 }] },
    { name: 'binary from a variable', code: 'FROM alpine:3.20\nARG BIN=/app\nRUN upx "$BIN"\n', errors: [{ line: 3, column: 5 }] },
    { name: 'ONBUILD trigger', code: 'FROM alpine:3.20\nONBUILD RUN upx /app\n', errors: [{ line: 2 }] },
    { name: 'escape=`', code: '# escape=`\nFROM alpine:3.20\nRUN go build -o /app . && `\n    upx /app\n', errors: [{ line: 4 }] },
  ],
});

describe('upx-compressed suggestions', () => {
  const suggested = async (code: string) => {
    const [finding] = await lintText(code, 'Dockerfile', { rules: [upxCompressed] });
    assert.ok(finding?.suggestions?.[0]);
    return applyEdits(code, finding.suggestions[0]!.edits).text;
  };
  it('removes the command with its &&', async () => {
    assert.equal(await suggested('FROM alpine:3.20\nRUN go build -o /app . && upx /app && ls\n'), 'FROM alpine:3.20\nRUN go build -o /app . && ls\n');
    assert.equal(await suggested('FROM alpine:3.20\nRUN go build -o /app . && upx /app\n'), 'FROM alpine:3.20\nRUN go build -o /app .\n');
  });
  it('removes a RUN that only packs', async () => {
    assert.equal(await suggested('FROM alpine:3.20\nRUN upx /app\nCMD ["/app"]\n'), 'FROM alpine:3.20\nCMD ["/app"]\n');
  });
});

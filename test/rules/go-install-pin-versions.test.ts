import { goInstallPinVersions } from '../../src/rules/go-install-pin-versions.js';
import { ruleTests } from './rule-tester.js';

ruleTests(goInstallPinVersions, {
  valid: [
    'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\n',
    'FROM golang:1.23\nRUN go install ./... && go install . && go install ./cmd/app\n',
    'FROM golang:1.23\nRUN go install -ldflags "-s -w" -tags netgo example.com/x@v1.0.0\n',
    'FROM golang:1.23\nRUN go build ./... && go mod download\n',
    { name: 'version through ARG', code: 'FROM golang:1.23\nARG V=v0.16.2\nRUN go install golang.org/x/tools/gopls@${V}\n' },
  ],
  invalid: [
    { code: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest\n', errors: [{ line: 2, column: 5, message: 'gopls@latest' }] },
    { name: 'no version', code: 'FROM golang:1.23\nRUN go install example.com/pkg\n', errors: [{ line: 2, message: '`example.com/pkg`' }] },
    { name: 'ARG expands to latest', code: 'FROM golang:1.23\nARG V=latest\nRUN go install example.com/pkg@$V\n', errors: [{ line: 3 }] },
    { name: 'ONBUILD', code: 'FROM golang:1.23\nONBUILD RUN go install example.com/pkg\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM golang:1.23\nRUN <<EOF\ngo install example.com/pkg@master\nEOF\n', errors: [{ line: 3 }] },
  ],
});

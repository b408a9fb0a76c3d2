import { undefinedVariable } from '../../src/rules/undefined-variable.js';
import { ruleTests } from './rule-tester.js';

ruleTests(undefinedVariable, {
  valid: [
    'ARG VERSION=1\nFROM eclipse-temurin:21-jre\nARG VERSION\nCOPY app-$VERSION.jar /app.jar\n',
    { name: 'ENV from an earlier stage it builds on', code: 'FROM alpine:3.20 AS base\nENV APP=/app\nFROM base\nWORKDIR $APP\n' },
    { name: 'base-image variables are unknown, not reported', code: 'FROM node:22\nWORKDIR $NODE_HOME\nENV PATH=$PATH:/app\n' },
    { name: 'RUN is expanded by the shell, not BuildKit', code: 'FROM scratch\nRUN echo $FOO\n' },
    { name: 'explicit fallback', code: 'FROM scratch\nCOPY ${SRC:-.} /app\n' },
    { name: 'single quotes are literal', code: "FROM scratch\nENV X='$NOPE'\n" },
    { name: 'same ENV defines it (env-self-reference reports that)', code: 'FROM scratch\nENV A=1 B=$A\n' },
  ],
  invalid: [
    {
      code: 'ARG VERSION=1.4.2\nFROM eclipse-temurin:21-jre\nCOPY app-$VERSION.jar /app.jar\n',
      errors: [{ line: 3, column: 6, message: "'$VERSION' (the global ARG VERSION is not in scope" }],
    },
    { name: 'platform arg not declared in the stage', code: 'FROM alpine:3.20\nCOPY bin/app-${TARGETARCH} /app\n', errors: [{ line: 2, message: 'ARG TARGETARCH' }] },
    { name: 'typo of a defined variable', code: 'FROM alpine:3.20\nENV APP_HOME=/app\nWORKDIR $APP_HOEM\n', errors: [{ line: 3, message: 'did you mean $APP_HOME?' }] },
    { name: 'typo of PATH', code: 'FROM alpine:3.20\nENV PATH=$PAHT:/app/bin\n', errors: [{ line: 2, message: 'did you mean $PATH?' }] },
    { name: 'anything undefined on scratch', code: 'FROM scratch\nUSER $APP_USER\n', errors: [{ line: 2, message: "'$APP_USER'" }] },
    { name: 'ARG of the stage built on does not carry over', code: 'FROM alpine:3.20 AS a\nARG DIR=/a\nFROM a\nWORKDIR $DIR\n', errors: [{ line: 4, message: 'ARG ends with its stage' }] },
    { name: 'COPY flags are expanded too', code: 'FROM scratch\nCOPY --chown=$UID:$GID a /a\n', errors: [{ line: 2, message: 'UID' }, { line: 2, message: 'GID' }] },
  ],
});

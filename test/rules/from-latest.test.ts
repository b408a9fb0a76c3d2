import { fromLatest } from '../../src/rules/from-latest.js';
import { ruleTests } from './rule-tester.js';

ruleTests(fromLatest, {
  valid: [
    'FROM ubuntu:24.04\n',
    { name: 'untagged is from-untagged, not this rule', code: 'FROM ubuntu\n' },
    { name: 'latest pinned by digest', code: 'FROM ubuntu:latest@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1\n' },
    { name: 'stage named latest-ish', code: 'FROM alpine:3.20 AS latest\nFROM latest\n' },
    { name: 'tag containing latest', code: 'FROM node:latest-slim-2024\n' },
  ],
  invalid: [
    { code: 'FROM ubuntu:latest\n', errors: [{ line: 1, column: 6, endColumn: 19, message: 'ubuntu' }] },
    { name: 'through an ARG', code: 'ARG TAG=latest\nFROM nginx:${TAG}\n', errors: [{ line: 2 }] },
    { name: 'other registry', code: 'FROM ghcr.io/org/app:latest AS app\n', errors: [{ line: 1, message: 'ghcr.io/org/app' }] },
  ],
});

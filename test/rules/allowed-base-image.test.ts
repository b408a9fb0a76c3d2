import { allowedBaseImage } from '../../src/rules/allowed-base-image.js';
import { ruleTests } from './rule-tester.js';

const config = { allowedBaseImages: ['registry.corp/base/*', 'python:3.12-*', 'gcr.io/distroless/*'] };

ruleTests(allowedBaseImage, {
  valid: [
    { name: 'no list: anything goes', code: 'FROM node:22\n' },
    { code: 'FROM registry.corp/base/node:22\nFROM python:3.12-slim\nFROM gcr.io/distroless/static:nonroot\nFROM scratch\n', config },
    { name: 'fully qualified pattern', code: 'FROM python:3.12\n', config: { allowedBaseImages: ['docker.io/library/python:*'] } },
    { name: 'pattern without tag allows any tag', code: 'FROM alpine:3.20\n', config: { allowedBaseImages: ['alpine'] } },
    { name: 'digest-pinned', code: 'FROM alpine@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1\n', config: { allowedBaseImages: ['alpine'] } },
    { name: 'stage references', code: 'FROM registry.corp/base/go:1 AS build\nFROM build AS test\n', config },
  ],
  invalid: [
    { code: 'FROM node:22-alpine\n', config, errors: [{ line: 1, column: 6, message: 'node:22-alpine' }] },
    { name: 'build stages too', code: 'FROM golang:1.23 AS build\nFROM registry.corp/base/static:1\n', config, errors: [{ line: 1 }] },
    { name: 'tag outside the pattern', code: 'FROM python:3.11-slim\n', config, errors: [{ line: 1 }] },
    { name: 'untagged is latest', code: 'FROM alpine\n', config: { allowedBaseImages: ['alpine:3.*'] }, errors: [{ line: 1 }] },
    { name: 'after ARG expansion', code: 'ARG BASE=ubuntu:24.04\nFROM $BASE\n', config, errors: [{ line: 2, message: 'ubuntu:24.04' }] },
  ],
});

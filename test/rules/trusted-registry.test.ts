import { trustedRegistry } from '../../src/rules/trusted-registry.js';
import { ruleTests } from './rule-tester.js';

const config = { trustedRegistries: ['registry.corp.example', '*.mirror.example', 'docker.io'] };

ruleTests(trustedRegistry, {
  valid: [
    { name: 'no list: anything goes', code: 'FROM ghcr.io/org/app:1\n' },
    { code: 'FROM registry.corp.example/python:3.12\nFROM eu.mirror.example/node:22\nFROM python:3.12\nFROM scratch\n', config },
    { name: 'hub.docker.com means Docker Hub', code: 'FROM library/python:3.12\n', config: { trustedRegistries: ['hub.docker.com'] } },
    { name: 'stage reference', code: 'FROM registry.corp.example/go:1.23 AS build\nFROM build\n', config: { trustedRegistries: ['registry.corp.example'] } },
  ],
  invalid: [
    { code: 'FROM ghcr.io/org/app:1\n', config, errors: [{ line: 1, column: 6, message: 'ghcr.io' }] },
    { name: 'Docker Hub not trusted', code: 'FROM python:3.12-slim\n', config: { trustedRegistries: ['registry.corp.example'] }, errors: [{ line: 1, message: 'docker.io' }] },
    { name: 'after ARG expansion', code: 'ARG REG=quay.io\nFROM ${REG}/org/app:1\n', config, errors: [{ line: 2, message: 'quay.io' }] },
  ],
});

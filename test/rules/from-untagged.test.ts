import { fromUntagged } from '../../src/rules/from-untagged.js';
import { ruleTests } from './rule-tester.js';

ruleTests(fromUntagged, {
  valid: [
    'FROM python:3.12-slim\n',
    'FROM scratch\n',
    { name: 'digest without tag', code: 'FROM alpine@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1\n' },
    { name: 'stage reference', code: 'FROM node:22 AS build\nFROM build\n' },
    { name: 'stage reference in other casing', code: 'FROM node:22 AS build\nFROM Build\n' },
    { name: 'variable that expands to a tag', code: 'ARG BASE=python:3.12-slim\nFROM ${BASE}\n' },
    { name: 'variable without a value is not judged', code: 'ARG BASE\nFROM $BASE\n' },
    { name: 'registry with port and tag', code: 'FROM registry.local:5000/team/app:1.2\n' },
  ],
  invalid: [
    { code: 'FROM node\n', errors: [{ line: 1, column: 6, endColumn: 10, message: '"node"' }] },
    { name: 'registry with port, no tag', code: 'FROM registry.local:5000/team/app\n', errors: [{ line: 1, message: 'registry.local:5000/team/app' }] },
    { name: 'variable expanding to an untagged image', code: 'ARG BASE=debian\nFROM ${BASE} AS base\n', errors: [{ line: 2, column: 6 }] },
    {
      name: 'each stage judged',
      code: 'FROM golang AS build\nFROM alpine:3.20\nFROM ubuntu\n',
      errors: [{ line: 1 }, { line: 3 }],
    },
    { name: 'build arg overrides the default', code: 'ARG BASE=debian:12\nFROM $BASE\n', config: { buildArgs: { BASE: 'debian' } }, errors: [{ line: 2 }] },
  ],
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../src/core/edits.js';
import { parseDockerfile } from '../../../src/dockerfile/parse.js';
import type { RunInstruction } from '../../../src/dockerfile/model.js';
import {
  baseFamily,
  executedInstructions,
  finalImageInstructions,
  isBuildOnlyPackage,
  isMinimalImage,
  removeCommandEdits,
  viewImage,
} from '../../../src/rules/util/seeds.js';

describe('viewImage', () => {
  it('drops Docker Hub and library/ and keeps other registries', () => {
    assert.deepEqual(viewImage('python:3.12'), { path: 'python', name: 'python', tag: '3.12' });
    assert.deepEqual(viewImage('docker.io/library/node'), { path: 'node', name: 'node' });
    assert.deepEqual(viewImage('gcr.io/distroless/static-debian12:nonroot'), { registry: 'gcr.io', path: 'distroless/static-debian12', name: 'static-debian12', tag: 'nonroot' });
    assert.deepEqual(viewImage('scratch'), { path: 'scratch', name: 'scratch' });
    assert.equal(viewImage('Not A Ref'), undefined);
  });
  it('tells minimal images and base families apart', () => {
    for (const ref of ['alpine:3.20', 'python:3.12-slim', 'node:20-alpine3.19', 'gcr.io/distroless/base', 'registry.access.redhat.com/ubi9-minimal', 'scratch']) {
      assert.ok(isMinimalImage(viewImage(ref)!), ref);
    }
    for (const ref of ['python:3.12', 'ubuntu:24.04', 'debian:bookworm', 'node:20-bookworm']) assert.ok(!isMinimalImage(viewImage(ref)!), ref);
    assert.equal(baseFamily(viewImage('python:3.12-alpine')!), 'alpine');
    assert.equal(baseFamily(viewImage('python:3.12-slim')!), 'debian');
    assert.equal(baseFamily(viewImage('rockylinux:9')!), 'rhel');
    assert.equal(baseFamily(viewImage('gcr.io/distroless/java21')!), 'distroless');
  });
});

describe('isBuildOnlyPackage', () => {
  it('knows compilers, headers and SDKs', () => {
    for (const p of ['gcc', 'g++', 'gcc-12', 'build-essential', 'build-base', 'musl-dev', 'linux-headers', 'libpq-dev', 'openssl-devel', 'libssl-dev=3.0.*', 'openjdk-17-jdk', 'cmake']) assert.ok(isBuildOnlyPackage(p), p);
    for (const p of ['libpq5', 'curl', 'ca-certificates', 'openjdk-17-jre-headless', 'python3', 'devscripts-not']) assert.ok(!isBuildOnlyPackage(p), p);
  });
});

describe('stage views', () => {
  it('runs a parent stage\'s ONBUILD triggers in the child, not in the parent', async () => {
    const df = await parseDockerfile('FROM alpine:3.20 AS base\nONBUILD RUN echo child\nRUN echo base\nFROM base\nRUN echo final\n', 'Dockerfile');
    assert.deepEqual(executedInstructions(df, df.stages[0]!).map((i) => i.text), ['RUN echo base']);
    assert.deepEqual(executedInstructions(df, df.stages[1]!).map((i) => i.text), ['RUN echo child', 'RUN echo final']);
    assert.deepEqual(finalImageInstructions(df).map((i) => i.text), ['RUN echo base', 'RUN echo child', 'RUN echo final']);
  });
  it('leaves builder stages out of the final image', async () => {
    const df = await parseDockerfile('FROM golang:1.22 AS build\nRUN go build\nFROM scratch\nCOPY --from=build /app /app\n', 'Dockerfile');
    assert.deepEqual(finalImageInstructions(df).map((i) => i.keyword), ['COPY']);
  });
});

describe('removeCommandEdits', () => {
  const remove = async (text: string, index: number): Promise<string | undefined> => {
    const df = await parseDockerfile(text, 'Dockerfile');
    const run = df.instructions.find((i) => i.keyword === 'RUN') as RunInstruction;
    const edits = removeCommandEdits(df, run, run.shell.commands[index]!);
    return edits ? applyEdits(text, edits).text : undefined;
  };
  it('removes a command with its operator', async () => {
    assert.equal(await remove('FROM a\nRUN x && y && z\n', 0), 'FROM a\nRUN y && z\n');
    assert.equal(await remove('FROM a\nRUN x && y && z\n', 1), 'FROM a\nRUN x && z\n');
    assert.equal(await remove('FROM a\nRUN x && y && z\n', 2), 'FROM a\nRUN x && y\n');
    assert.equal(await remove('FROM a\nRUN x \\\n && y\n', 1), 'FROM a\nRUN x\n');
    assert.equal(await remove('FROM a\nRUN x; y\n', 0), 'FROM a\nRUN y\n');
  });
  it('removes the whole RUN when it is the only command', async () => {
    assert.equal(await remove('FROM a\nRUN x \\\n  --flag\nCMD ["b"]\n', 0), 'FROM a\nCMD ["b"]\n');
  });
  it('refuses what it cannot do exactly', async () => {
    assert.equal(await remove('FROM a\nRUN x || y\n', 0), undefined);
    assert.equal(await remove('FROM a\nRUN x | y\n', 0), undefined);
    assert.equal(await remove('FROM a\nRUN <<EOF\nx\ny\nEOF\n', 0), undefined);
  });
});

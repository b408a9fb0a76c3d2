import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../src/core/edits.js';
import { lintText } from '../../src/lint/engine.js';
import { preferMinimalBase } from '../../src/rules/prefer-minimal-base.js';
import { minimalVariants, viewImage } from '../../src/rules/util/seeds.js';
import { ruleTests } from './rule-tester.js';

ruleTests(preferMinimalBase, {
  valid: [
    'FROM python:3.12-slim\nCMD ["python"]\n',
    'FROM node:20-alpine\n',
    'FROM gcr.io/distroless/static-debian12\n',
    'FROM scratch\nCOPY app /app\n',
    'FROM debian:bookworm-slim\n',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal\n',
    'FROM eclipse-temurin:21-jre\n',
    // An image whitelisted nowhere is not judged.
    'FROM mycorp/base:1\n',
    { name: 'full image only in a builder stage', code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n' },
    { name: 'final FROM a stage that is minimal', code: 'FROM python:3.12-slim AS base\nFROM base\nCMD ["python"]\n' },
    { name: 'unresolved variable', code: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'heredoc in a minimal final stage', code: 'FROM node:20-slim\nRUN <<EOF\nnpm ci\nEOF\n' },
    { name: 'ONBUILD does not matter', code: 'FROM node:20-slim\nONBUILD RUN npm ci\n' },
  ],
  invalid: [
    { code: 'FROM python:3.12\nCMD ["python"]\n', errors: [{ line: 1, column: 6, endColumn: 17, message: '"python:3.12-slim"' }] },
    { code: 'FROM ubuntu:24.04\n', errors: [{ line: 1, message: 'debian:stable-slim' }] },
    { code: 'FROM node:20-bookworm\n', errors: [{ line: 1, message: '"node:20-bookworm-slim"' }] },
    { code: 'FROM openjdk:17\n', errors: [{ line: 1, message: 'eclipse-temurin:17-jre' }] },
    {
      name: 'final stage FROM a stage built on a full image',
      code: 'FROM ruby:3.3 AS base\nRUN gem install bundler\nFROM base\nCMD ["ruby", "app.rb"]\n',
      errors: [{ line: 1, column: 6, message: 'through stage "base"' }],
    },
    { name: 'digest-pinned: reported, no blind rewrite', code: 'FROM python:3.12@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n', errors: [{ line: 1, message: 'own digest' }] },
    { name: 'expanded ARG', code: 'ARG BASE=debian:bookworm\nFROM ${BASE}\n', errors: [{ line: 2, message: '"debian:bookworm-slim"' }] },
    { name: 'build arg given', code: 'ARG BASE=python:3.12-slim\nFROM $BASE\n', config: { buildArgs: { BASE: 'python:3.11' } }, errors: [{ line: 2, message: 'python:3.11-slim' }] },
    {
      name: 'escape directive and a continuation',
      code: '# escape=`\nFROM golang:1.22 `\n  AS app\nCMD ["app"]\n',
      errors: [{ line: 2, message: '"golang:1.22-alpine"' }],
    },
  ],
});

async function suggested(code: string, index = 0, buildArgs: Record<string, string> = {}): Promise<string> {
  const [finding] = await lintText(code, 'Dockerfile', { rules: [preferMinimalBase], config: { buildArgs } });
  assert.ok(finding?.suggestions?.[index], 'a suggestion');
  assert.equal(finding.fix, undefined, 'never a fix');
  return applyEdits(code, finding.suggestions[index]!.edits).text;
}

describe('prefer-minimal-base suggestions', () => {
  it('replaces the tag where it is written', async () => {
    assert.equal(await suggested('FROM python:3.12 AS app\n'), 'FROM python:3.12-slim AS app\n');
    assert.equal(await suggested('FROM python:3.12 AS app\n', 1), 'FROM python:3.12-alpine AS app\n');
    assert.equal(await suggested('FROM docker.io/library/python:3.12-bookworm\n'), 'FROM docker.io/library/python:3.12-slim-bookworm\n');
  });
  it('edits the ARG default a FROM ${BASE} takes its image from', async () => {
    assert.equal(await suggested('ARG BASE="node:20"\nFROM ${BASE}\n'), 'ARG BASE="node:20-slim"\nFROM ${BASE}\n');
  });
  it('appends the suffix after a variable tag', async () => {
    assert.equal(await suggested('ARG PY=3.12\nFROM python:${PY}\n'), 'ARG PY=3.12\nFROM python:${PY}-slim\n');
  });
  it('has no suggestion for a digest-pinned image', async () => {
    const [finding] = await lintText('FROM node:20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n', 'Dockerfile', { rules: [preferMinimalBase] });
    assert.deepEqual(finding?.suggestions ?? [], []);
  });
  it('does not edit an ARG default that a build arg overrides', async () => {
    const [finding] = await lintText('ARG BASE=python:3.12-slim\nFROM $BASE\n', 'Dockerfile', { rules: [preferMinimalBase], config: { buildArgs: { BASE: 'python:3.11' } } });
    assert.deepEqual(finding?.suggestions ?? [], []);
  });
  it('switches the repository when the minimal image has another name', async () => {
    assert.equal(await suggested('FROM maven:3.9-eclipse-temurin-17\n'), 'FROM eclipse-temurin:17-jre\n');
  });
});

describe('minimalVariants', () => {
  const first = (ref: string) => minimalVariants(viewImage(ref)!)[0]?.image;
  it('knows the official images', () => {
    assert.equal(first('python'), 'python:slim');
    assert.equal(first('ruby:3.3-bookworm'), 'ruby:3.3-slim-bookworm');
    assert.equal(first('golang:1.22-bookworm'), 'golang:1.22-alpine');
    assert.equal(first('php:8.3-fpm'), 'php:8.3-fpm-alpine');
    assert.equal(first('php:8.3-apache'), undefined);
    assert.equal(first('golang:onbuild'), undefined);
    assert.equal(first('debian'), 'debian:stable-slim');
    assert.equal(first('centos:7'), 'registry.access.redhat.com/ubi7/ubi-minimal');
    assert.equal(first('rockylinux:9'), 'rockylinux:9-minimal');
    assert.equal(first('mcr.microsoft.com/dotnet/sdk:8.0'), 'mcr.microsoft.com/dotnet/aspnet:8.0');
    assert.equal(first('buildpack-deps:bookworm-curl'), 'debian:bookworm-slim');
  });
  it('leaves minimal and unknown images alone', () => {
    for (const ref of ['python:3.12-slim', 'alpine:3.20', 'gcr.io/distroless/base', 'cgr.dev/chainguard/python', 'scratch', 'example.com/python:3.12', 'mcr.microsoft.com/windows/servercore:ltsc2022']) {
      assert.deepEqual(minimalVariants(viewImage(ref)!), [], ref);
    }
  });
});

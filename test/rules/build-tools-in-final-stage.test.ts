import { buildToolsInFinalStage } from '../../src/rules/build-tools-in-final-stage.js';
import { ruleTests } from './rule-tester.js';

ruleTests(buildToolsInFinalStage, {
  valid: [
    'FROM golang:1.22 AS build\nRUN apt-get update && apt-get install -y gcc\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n',
    'FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install psycopg2 && apk del .build-deps\n',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y gcc && make && apt-get purge -y --auto-remove gcc\n',
    'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\n',
    'FROM node:20-slim\nRUN npm ci --omit=dev\n',
    { name: 'variable removed by the same variable', code: 'FROM debian:bookworm-slim\nRUN buildDeps="gcc make" && apt-get install -y $buildDeps && make && apt-get purge -y $buildDeps\n' },
    { name: 'build stage named, never shipped', code: 'FROM node:20 AS assets\nRUN npm run build\nFROM nginx:1.27-alpine\nCOPY --from=assets /dist /usr/share/nginx/html\n' },
  ],
  invalid: [
    { code: 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n', errors: [{ line: 1, column: 6, message: 'the Go toolchain' }] },
    { code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev\n', errors: [{ line: 2, column: 23, message: 'gcc, libpq-dev' }] },
    { code: 'FROM alpine:3.20\nRUN apk add --no-cache build-base linux-headers\n', errors: [{ line: 2, message: 'build-base, linux-headers' }] },
    { code: 'FROM maven:3.9-eclipse-temurin-21\nCOPY target/app.jar /app.jar\n', errors: [{ line: 1, message: 'Maven' }] },
    { code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . .\n', errors: [{ line: 1, message: '.NET SDK' }] },
    { name: 'removed only in a later RUN', code: 'FROM debian:bookworm-slim\nRUN apt-get install -y g++\nRUN apt-get purge -y g++\n', errors: [{ line: 2, message: 'g++' }] },
    { name: 'one finding listing everything', code: 'FROM rust:1.77\nRUN apt-get install -y cmake\nRUN apt-get install -y libssl-dev\n', errors: [{ line: 1, message: /Rust toolchain.*cmake; libssl-dev/ }] },
    { name: 'JS build in the final image', code: 'FROM node:20-slim\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\n', errors: [{ line: 3, message: 'npm run build' }] },
    { name: 'final stage FROM a builder stage', code: 'FROM debian:bookworm-slim AS base\nRUN apt-get install -y gcc\nFROM base\nCMD ["/app"]\n', errors: [{ line: 2 }] },
    { name: 'parent ONBUILD trigger runs in the final stage', code: 'FROM alpine:3.20 AS base\nONBUILD RUN apk add gcc\nFROM base\n', errors: [{ line: 2, message: 'gcc' }] },
    { name: 'heredoc', code: 'FROM alpine:3.20\nRUN <<EOF\napk add make\nEOF\n', errors: [{ line: 3, message: 'make' }] },
    { name: 'escape=`', code: '# escape=`\nFROM debian:bookworm-slim\nRUN apt-get install -y `\n    gcc\n', errors: [{ line: 3, message: 'gcc' }] },
    { name: 'expanded base', code: 'ARG GO=1.22\nFROM golang:${GO}\n', errors: [{ line: 2, message: '"golang:1.22"' }] },
  ],
});

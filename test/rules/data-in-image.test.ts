import { dataInImage } from '../../src/rules/data-in-image.js';
import { ruleTests } from './rule-tester.js';

ruleTests(dataInImage, {
  valid: [
    'FROM python:3.12-slim\nCOPY app/ /app/\nCOPY requirements.txt /app/\n',
    'FROM debian:bookworm-slim\nRUN curl -fsSL https://nodejs.org/dist/v20.11.0/node-v20.11.0-linux-x64.tar.xz | tar -xJ -C /usr/local --strip-components=1\n',
    'FROM debian:bookworm-slim\nRUN wget -q https://example.com/tool-1.2.tar.gz -O /tmp/tool.tar.gz && tar -xzf /tmp/tool.tar.gz -C /opt && rm /tmp/tool.tar.gz\n',
    'FROM debian:bookworm-slim\nRUN curl -LO https://example.com/tool.zip && unzip tool.zip -d /opt && rm -f tool.zip\n',
    'FROM alpine:3.20\nADD rootfs.tar.gz /\n',
    'FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/go.tgz https://go.dev/dl/go1.22.0.linux-amd64.tar.gz && tar -C /usr/local -xzf /tmp/go.tgz && rm /tmp/go.tgz\n',
    'FROM debian:bookworm-slim\nRUN wget -qO- https://example.com/tool.tar.gz | tar xz -C /opt\n',
    'FROM debian:bookworm-slim\nRUN curl --output=/tmp/t.zip https://example.com/t.zip && unzip /tmp/t.zip -d /opt && rm -rf /tmp/*\n',
    'FROM postgres:16\nCOPY init.sql schema.sql /docker-entrypoint-initdb.d/\n',
    'FROM golang:1.22\nCOPY app/models/ /src/app/models/\n',
    { name: 'data only in a builder stage', code: 'FROM python:3.12 AS train\nCOPY data/ /data/\nRUN python train.py\nFROM python:3.12-slim\nCOPY --from=train /out/app /app\n' },
    { name: 'source archive in a builder stage', code: 'FROM gcc:13 AS build\nADD https://ftp.gnu.org/gnu/hello/hello-2.12.tar.gz /src/\nRUN make\nFROM debian:bookworm-slim\nCOPY --from=build /usr/local/bin/hello /usr/local/bin/\n' },
  ],
  invalid: [
    { code: 'FROM python:3.12-slim\nCOPY model.onnx /models/\n', errors: [{ line: 2, column: 1, message: '"model.onnx" (a data or model file)' }] },
    { code: 'FROM python:3.12-slim\nCOPY data/ /app/data/\n', errors: [{ line: 2, message: 'a data directory' }] },
    { code: 'FROM python:3.12-slim\nCOPY ./datasets /datasets\n', errors: [{ line: 2 }] },
    { code: 'FROM python:3.12-slim\nCOPY *.csv /app/\n', errors: [{ line: 2 }] },
    { code: 'FROM postgres:16\nCOPY dump.sql.gz /docker-entrypoint-initdb.d/\n', errors: [{ line: 2, message: 'archive' }] },
    { code: 'FROM python:3.12-slim\nADD https://example.com/weights.safetensors /models/\n', errors: [{ line: 2 }] },
    { code: 'FROM python:3.12-slim\nRUN curl -fsSL -o /data/train.parquet https://example.com/train.parquet\n', errors: [{ line: 2, column: 5, message: 'train.parquet' }] },
    { code: 'FROM python:3.12-slim\nRUN wget https://example.com/corpus.zip\n', errors: [{ line: 2, message: 'archive' }] },
    { name: 'combined flags, data file', code: 'FROM python:3.12-slim\nRUN curl -fsSLo /srv/emb.npy https://example.com/download?id=3\n', errors: [{ line: 2, message: 'emb.npy' }] },
    { name: 'extracted but kept', code: 'FROM python:3.12-slim\nRUN wget https://example.com/data.tar.gz && tar xzf data.tar.gz\n', errors: [{ line: 2 }] },
    { code: 'FROM python:3.12-slim\nRUN huggingface-cli download bert-base-uncased --local-dir /models\n', errors: [{ line: 2, message: 'huggingface-cli download' }] },
    { code: 'FROM python:3.12-slim\nRUN aws s3 cp s3://bucket/data /data --recursive\n', errors: [{ line: 2, message: 'aws s3 cp' }] },
    { name: 'COPY --from of a model file', code: 'FROM python:3.12 AS fetch\nRUN true\nFROM python:3.12-slim\nCOPY --from=fetch /w/model.pt /models/\n', errors: [{ line: 4 }] },
    { name: 'variable source', code: 'FROM python:3.12-slim\nARG MODEL=resnet.pth\nCOPY ${MODEL} /models/\n', errors: [{ line: 3, message: 'resnet.pth' }] },
    { name: 'final stage FROM a stage with data', code: 'FROM python:3.12-slim AS base\nCOPY data.db /app/\nFROM base\n', errors: [{ line: 2 }] },
    { name: 'heredoc download', code: 'FROM python:3.12-slim\nRUN <<EOF\ncurl -O https://example.com/x.npy\nEOF\n', errors: [{ line: 3 }] },
    { name: 'escape=`', code: '# escape=`\nFROM python:3.12-slim\nCOPY weights.h5 `\n  /models/\n', errors: [{ line: 3 }] },
    { name: 'parent ONBUILD trigger', code: 'FROM python:3.12-slim AS base\nONBUILD COPY data.csv /app/\nFROM base\n', errors: [{ line: 2 }] },
  ],
});

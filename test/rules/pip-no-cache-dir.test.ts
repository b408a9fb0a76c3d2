import { pipNoCacheDir } from '../../src/rules/pip-no-cache-dir.js';
import { ruleTests } from './rule-tester.js';

ruleTests(pipNoCacheDir, {
  valid: [
    'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n',
    'FROM python:3.12\nRUN pip --no-cache-dir install flask==3.0\n',
    { name: 'ENV PIP_NO_CACHE_DIR', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0\n' },
    { name: 'inherited ENV from the base stage', code: 'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=true\nFROM base\nRUN pip install flask==3.0\n' },
    { name: 'assignment on the command', code: 'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask==3.0\n' },
    { name: 'cache mount', code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n' },
    { name: 'builder stage only copied from', code: 'FROM python:3.12 AS build\nRUN pip install --prefix=/install -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local\n' },
    'FROM python:3.12\nRUN pipenv install && pip download flask==3.0\n',
  ],
  invalid: [
    {
      code: 'FROM python:3.12\nRUN pip install -r requirements.txt\n',
      errors: [{ line: 2, column: 5, message: '--no-cache-dir' }],
      output: 'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n',
    },
    {
      name: 'python -m pip and pip3',
      code: 'FROM python:3.12\nRUN python3 -m pip install -U pip && pip3 install -r r.txt\n',
      errors: [{ line: 2, column: 5 }, { line: 2, column: 38 }],
      output: 'FROM python:3.12\nRUN python3 -m pip install --no-cache-dir -U pip && pip3 install --no-cache-dir -r r.txt\n',
    },
    { name: 'PIP_NO_CACHE_DIR=0 does not count', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\nRUN pip install x==1\n', errors: [{ line: 3 }], output: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\nRUN pip install --no-cache-dir x==1\n' },
    { name: 'ENV in another stage does not count', code: 'FROM python:3.12 AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install x==1\n', errors: [{ line: 4 }], output: 'FROM python:3.12 AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install --no-cache-dir x==1\n' },
    { name: 'ONBUILD', code: 'FROM python:3.12\nONBUILD RUN pip install -r requirements.txt\n', errors: [{ line: 2 }], output: 'FROM python:3.12\nONBUILD RUN pip install --no-cache-dir -r requirements.txt\n' },
    { name: 'heredoc', code: 'FROM python:3.12\nRUN <<EOF\npip install -r requirements.txt\nEOF\n', errors: [{ line: 3 }], output: 'FROM python:3.12\nRUN <<EOF\npip install --no-cache-dir -r requirements.txt\nEOF\n' },
    {
      name: 'continuation',
      code: 'FROM python:3.12\nRUN pip \\\n    install \\\n    -r requirements.txt\n',
      errors: [{ line: 2 }],
      output: 'FROM python:3.12\nRUN pip \\\n    install --no-cache-dir \\\n    -r requirements.txt\n',
    },
  ],
});

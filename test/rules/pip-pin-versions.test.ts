import { pipPinVersions } from '../../src/rules/pip-pin-versions.js';
import { ruleTests } from './rule-tester.js';

ruleTests(pipPinVersions, {
  valid: [
    'FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3 "requests>=2.31" "django~=5.0"\n',
    'FROM python:3.12\nRUN pip install -r requirements.txt\n',
    'FROM python:3.12\nRUN pip install --requirement=requirements.txt flask\n',
    'FROM python:3.12\nRUN pip install -c constraints.txt flask\n',
    'FROM python:3.12\nRUN pip install . && pip install -e ./lib\n',
    'FROM python:3.12\nRUN pip install ./dist/app-1.0-py3-none-any.whl /tmp/pkg.tar.gz\n',
    'FROM python:3.12\nRUN pip install git+https://github.com/acme/lib.git@v1.2.0#egg=lib\n',
    { name: 'version from an ARG', code: 'FROM python:3.12\nARG FLASK=3.0.3\nRUN pip install "flask==${FLASK}"\n' },
    { name: 'index URL and target are option values', code: 'FROM python:3.12\nRUN pip install -i https://pypi.example/simple --target /opt/lib flask==3.0\n' },
    'FROM python:3.12\nRUN pipx install black\n',
  ],
  invalid: [
    { code: 'FROM python:3.12\nRUN pip install flask\n', errors: [{ line: 2, column: 5, message: '`flask` has no version' }] },
    { name: 'pip3 and python -m pip', code: 'FROM python:3.12\nRUN pip3 install flask==3.0 requests && python3 -m pip install --upgrade pip\n', errors: [{ line: 2, column: 5, message: '`requests`' }, { line: 2, column: 41, message: '`pip`' }] },
    { name: 'VCS without a revision', code: 'FROM python:3.12\nRUN pip install git+ssh://git@github.com/acme/lib.git\n', errors: [{ line: 2 }] },
    { name: 'ARG expands to a bare name', code: 'FROM python:3.12\nARG PKG=flask\nRUN pip install $PKG\n', errors: [{ line: 3, message: '`flask`' }] },
    { name: 'ONBUILD', code: 'FROM python:3.12\nONBUILD RUN pip install flask\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM python:3.12\nRUN <<EOF\npip install flask\nEOF\n', errors: [{ line: 3 }] },
    { name: 'builder stage too', code: 'FROM python:3.12 AS build\nRUN pip wheel -w /w . && pip install build\nFROM python:3.12-slim\n', errors: [{ line: 2, column: 26 }] },
    { name: 'continuation', code: 'FROM python:3.12\nRUN pip install \\\n      flask==3.0 \\\n      gunicorn\n', errors: [{ line: 2, message: '`gunicorn`' }] },
  ],
});

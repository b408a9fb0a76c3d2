import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../../src/dockerfile/parse.js';
import type { RunInstruction } from '../../../src/dockerfile/model.js';
import type { ShellCommand } from '../../../src/dockerfile/shell-model.js';
import {
  appendPoint,
  builtOn,
  commandsOf,
  findFlag,
  flagValue,
  hasFlag,
  programArgs,
  programName,
  removesPath,
  runInstructions,
  scriptEnd,
  shipsInFinalImage,
  unwrapCommand,
} from '../../../src/rules/util/shell.js';
import { applyEdits } from '../../../src/core/edits.js';

async function parse(text: string) {
  return parseDockerfile(text, 'Dockerfile', { buildArgs: {} });
}

async function commands(script: string): Promise<ShellCommand[]> {
  const df = await parse(`FROM debian:12\nRUN ${script}\n`);
  return commandsOf(df).map((c) => c.command);
}

async function first(script: string): Promise<ShellCommand> {
  const [cmd] = await commands(script);
  assert.ok(cmd, `a command in ${script}`);
  return cmd;
}

describe('programName and programArgs unwrap wrappers', () => {
  const cases: [string, string, string[]][] = [
    ['apt-get install -y curl', 'apt-get', ['install', '-y', 'curl']],
    ['/usr/bin/pip3 install x', 'pip3', ['install', 'x']],
    ['sudo apt-get update', 'apt-get', ['update']],
    ['sudo -E -u root apt-get update', 'apt-get', ['update']],
    ['sudo --user=root apt-get update', 'apt-get', ['update']],
    ['env DEBIAN_FRONTEND=noninteractive apt-get install x', 'apt-get', ['install', 'x']],
    ['env -u HOME -i PATH=/bin pip install x', 'pip', ['install', 'x']],
    ['nice -n 10 make -j4', 'make', ['-j4']],
    ['nice -10 make', 'make', []],
    ['timeout -s KILL 60 wget -q http://x', 'wget', ['-q', 'http://x']],
    ['xargs -n 1 -P 4 curl -O', 'curl', ['-O']],
    ['gosu app npm install', 'npm', ['install']],
    ['sudo env A=1 nice apt-get clean', 'apt-get', ['clean']],
    ['busybox wget http://x', 'wget', ['http://x']],
    ['exec -a name nginx', 'nginx', []],
  ];
  for (const [script, name, args] of cases) {
    it(script, async () => {
      const cmd = await first(script);
      assert.equal(programName(cmd), name);
      assert.deepEqual(programArgs(cmd).map((w) => w.value), args);
    });
  }

  it('keeps the wrapper when it runs no command', async () => {
    assert.equal(programName(await first('command -v apt-get')), 'command');
    assert.equal(programName(await first('sudo -l')), 'sudo');
    assert.equal(programName(await first('env')), 'env');
    assert.equal(programName(await first('sudo')), 'sudo');
  });

  it('lists the wrappers it removed, outermost first', async () => {
    assert.deepEqual(unwrapCommand(await first('sudo env A=1 apt-get update')).wrappers, ['sudo', 'env']);
  });

  it('sees commands nested in sh -c, subshells and heredocs', async () => {
    const names = (await commands('sh -c "apt-get update" && (cd /x && make)')).map(programName);
    assert.deepEqual(names, ['sh', 'apt-get', 'cd', 'make']);
  });
});

describe('hasFlag, findFlag, flagValue', () => {
  const args = async (script: string) => programArgs(await first(script));

  it('finds short, combined short, long and --flag=value spellings', async () => {
    assert.ok(hasFlag(await args('apt-get install -y x'), '-y'));
    assert.ok(hasFlag(await args('apt-get install -qy x'), '-y'));
    assert.ok(hasFlag(await args('wget -qO- http://x'), '-q'));
    assert.ok(hasFlag(await args('apt-get install --yes x'), '-y', '--yes'));
    assert.ok(hasFlag(await args('wget --progress=dot:giga http://x'), '--progress'));
    assert.ok(!hasFlag(await args('apt-get install x'), '-y', '--yes'));
    assert.ok(!hasFlag(await args('apt-get install --yesterday x'), '--yes'));
  });

  it('does not read option values or words after -- as flags', async () => {
    assert.ok(!hasFlag(await args('apt-get -o APT::Get::Assume-Yes=true install x'), '-y'));
    assert.ok(!hasFlag(await args('pip install -- -y'), '-y'));
    assert.ok(!hasFlag(await args('useradd -nv x'), '--nv'));
  });

  it('reads values given as the next word, after =, or attached to a short flag', async () => {
    assert.equal(flagValue(await args('useradd -u 1000 app'), '-u', '--uid'), '1000');
    assert.equal(flagValue(await args('useradd --uid=1000 app'), '-u', '--uid'), '1000');
    assert.equal(flagValue(await args('useradd -u1000 app'), '-u'), '1000');
    assert.equal(flagValue(await args('useradd app'), '-u'), undefined);
    const found = findFlag(await args('zypper install -t pattern devel'), '-t', '--type');
    assert.equal(found?.value, 'pattern');
    assert.equal(found?.valueWord?.value, 'pattern');
  });
});

describe('removesPath', () => {
  it('recognises rm -rf spellings of a directory or its contents', async () => {
    for (const script of ['rm -rf /var/lib/apt/lists/*', 'rm -fr /var/lib/apt/lists', 'rm -r -f /var/lib/apt/lists/', 'rm --recursive --force "/var/lib/apt/lists"/*', 'sudo rm -rf /var/lib/apt/lists/partial']) {
      assert.ok(removesPath(await first(script), '/var/lib/apt/lists'), script);
    }
  });
  it('rejects other paths and non-recursive removal', async () => {
    for (const script of ['rm -rf /var/lib/apt', 'rm -f /var/lib/apt/lists/lock', 'rm -rf /var/lib/apt/listsx', 'echo rm -rf /var/lib/apt/lists']) {
      assert.ok(!removesPath(await first(script), '/var/lib/apt/lists'), script);
    }
  });
});

describe('runs, stages and what ships', () => {
  it('lists ONBUILD RUN triggers with the RUNs, in file order', async () => {
    const df = await parse('FROM debian:12\nRUN a\nONBUILD RUN b\nONBUILD COPY . /x\nRUN c\n');
    assert.deepEqual(runInstructions(df).map((r) => r.args), ['a', 'b', 'c']);
    assert.deepEqual(commandsOf(df, (r) => !r.onbuildParent).map((c) => c.command.name), ['a', 'c']);
  });

  it('knows which stages end up in the final image', async () => {
    const df = await parse('FROM debian:12 AS base\nRUN a\nFROM golang:1.23 AS build\nRUN b\nFROM base\nCOPY --from=build /x /x\nRUN c\n');
    const [a, b, c] = runInstructions(df);
    assert.equal(shipsInFinalImage(df, a!), true);
    assert.equal(shipsInFinalImage(df, b!), false);
    assert.equal(shipsInFinalImage(df, c!), true);
    assert.ok(builtOn(df, 2, 0));
    assert.ok(!builtOn(df, 2, 1));
    assert.ok(builtOn(df, 1, 1));
  });
});

describe('appendPoint and scriptEnd', () => {
  const append = async (text: string) => {
    const df = await parse(text);
    const run = runInstructions(df)[0] as RunInstruction;
    const edit = appendPoint(df, run, 'rm -rf /x');
    return edit ? applyEdits(text, [edit]).text : undefined;
  };

  it('appends after the last line of a continued script', async () => {
    assert.equal(await append('FROM a\nRUN make \\\n    && make install\nCMD x\n'), 'FROM a\nRUN make \\\n    && make install && rm -rf /x\nCMD x\n');
  });

  it('appends with escape=`', async () => {
    assert.equal(await append('# escape=`\nFROM a\nRUN make `\n    && make install\n'), '# escape=`\nFROM a\nRUN make `\n    && make install && rm -rf /x\n');
  });

  it('refuses scripts that end in ; & | or a shell comment, and exec form', async () => {
    for (const text of ['FROM a\nRUN make;\n', 'FROM a\nRUN make &\n', 'FROM a\nRUN make # build\n', 'FROM a\nRUN ["make"]\n']) {
      assert.equal(await append(text), undefined, text);
    }
    const df = await parse('FROM a\nRUN make # build\n');
    assert.equal(scriptEnd(df, runInstructions(df)[0]!), undefined);
  });

  it('adds a last line to a heredoc script that stops on errors, and nothing otherwise', async () => {
    assert.equal(await append('FROM a\nRUN <<EOF\nset -e\nmake\nEOF\n'), 'FROM a\nRUN <<EOF\nset -e\nmake\nrm -rf /x\nEOF\n');
    assert.equal(await append('FROM a\nRUN <<EOF\nmake\nEOF\n'), undefined);
    assert.equal(await append('FROM a\nRUN cat <<EOF > /f\nset -e\nEOF\n'), undefined);
  });
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { alternativeLink, chooseAlternatives, isJinfoPath, jinfoCandidates, parseJinfo, postinstAlternatives } from '../../src/base/alternatives.js';
import { composeImage } from '../../src/base/compose-image.js';
import { parseBaseSpec } from '../../src/base/spec.js';
import { InputError } from '../../src/core/errors.js';
import { makeDeb, tempDir } from './deb-fixtures.js';
import { readLayer } from './layer-reader.js';

/** The shape of openjdk-17-jre-headless's /usr/lib/jvm/.java-1.17.0-openjdk-amd64.jinfo (bookworm), shortened. */
const JINFO = (home: string, priority: number) => `name=${home}
alias=java-1.17.0-openjdk-amd64
priority=${priority}
section=main

hl java /usr/lib/jvm/${home}/bin/java
hl keytool /usr/lib/jvm/${home}/bin/keytool
hl jexec /usr/lib/jvm/${home}/lib/jexec
jre policytool /usr/lib/jvm/${home}/bin/policytool
jdkhl javac /usr/lib/jvm/${home}/bin/javac
plugin xulrunner-1.9-javaplugin.so /usr/lib/jvm/${home}/lib/IcedTeaPlugin.so
`;

describe('.jinfo parsing', () => {
  test('reads name, priority and the bin tools; browser plugin lines are not /usr/bin links', () => {
    const j = parseJinfo(JINFO('java-17-openjdk-amd64', 1711), 'jre', '/usr/lib/jvm/.x.jinfo');
    assert.equal(j.name, 'java-17-openjdk-amd64');
    assert.equal(j.priority, 1711);
    assert.deepEqual(j.tools.map((t) => `${t.kind} ${t.name}`), ['hl java', 'hl keytool', 'hl jexec', 'jre policytool', 'jdkhl javac']);
    assert.deepEqual(jinfoCandidates(j)[0], { name: 'java', link: 'usr/bin/java', target: '/usr/lib/jvm/java-17-openjdk-amd64/bin/java', priority: 1711 });
  });

  test('CRLF, comments and a missing priority (0)', () => {
    const j = parseJinfo('# c\r\nname=x\r\nhl java /opt/x/java\r\n', 'p', 'f');
    assert.equal(j.priority, 0);
    assert.deepEqual(j.tools, [{ kind: 'hl', name: 'java', path: '/opt/x/java' }]);
  });

  test('a tool name with a slash, a relative or climbing target: refused with package, file and line', () => {
    assert.throws(() => parseJinfo('priority=1\nhl ../../etc/x /usr/lib/x\n', 'evil', '/usr/lib/jvm/.e.jinfo'), (e: unknown) => e instanceof InputError && /^evil: \/usr\/lib\/jvm\/\.e\.jinfo:2: unsafe tool name/.test(e.message));
    assert.throws(() => parseJinfo('hl java usr/lib/java\n', 'evil', 'f'), /unsafe tool path/);
    assert.throws(() => parseJinfo('hl java /usr/lib/../../etc/shadow\n', 'evil', 'f'), /unsafe tool path/);
  });

  test('only .jinfo files directly in usr/lib/jvm', () => {
    assert.ok(isJinfoPath('usr/lib/jvm/.java-1.17.0-openjdk-amd64.jinfo'));
    assert.ok(!isJinfoPath('usr/lib/jvm/java-17/.x.jinfo'));
    assert.ok(!isJinfoPath('usr/lib/jvm/x.jinfo'));
  });
});

describe('choosing alternatives', () => {
  const c = (link: string, target: string, priority: number) => ({ name: link.split('/').at(-1)!, link, target, priority });
  test('highest priority wins; equal priorities pick the smaller target; input order does not matter', () => {
    const cands = [c('usr/bin/java', '/jvm/a/java', 1100), c('usr/bin/java', '/jvm/b/java', 1711), c('usr/bin/x', '/jvm/z/x', 5), c('usr/bin/x', '/jvm/y/x', 5)];
    const paths = new Set(['jvm/a/java', 'jvm/b/java', 'jvm/y/x', 'jvm/z/x']);
    const want = [c('usr/bin/java', '/jvm/b/java', 1711), c('usr/bin/x', '/jvm/y/x', 5)];
    assert.deepEqual(chooseAlternatives(cands, paths), want);
    assert.deepEqual(chooseAlternatives([...cands].reverse(), paths), want);
  });

  test('a target the image lacks (a JDK tool without the JDK) and a link a package ships are left alone', () => {
    const cands = [c('usr/bin/javac', '/jvm/a/javac', 1), c('usr/bin/java', '/jvm/a/java', 1)];
    assert.deepEqual(chooseAlternatives(cands, new Set(['jvm/a/java', 'usr/bin/java'])), []);
    assert.deepEqual(alternativeLink(c('usr/bin/java', '/jvm/a/java', 1)), { path: 'usr/bin/java', type: 'symlink', mode: 0o777, uid: 0, gid: 0, linkTarget: '/jvm/a/java' });
  });
});

/** bookworm's nodejs postinst, verbatim. */
const NODEJS_POSTINST = `#!/bin/sh

set -e

if [ "$1" = "configure" ]; then
    update-alternatives --install /usr/bin/js js /usr/bin/nodejs 200 \\
                        --slave /usr/share/man/man1/js.1.gz js.1.gz /usr/share/man/man1/nodejs.1.gz
fi
`;

/** The loop of openjdk-17-jre-headless's postinst: nothing in it is literal. */
const JRE_POSTINST = `for i in $jre_tools; do
        update-alternatives \\
            --install \\
            /usr/bin/$i \\
            $i \\
            $basedir/bin/$i \\
            $priority \\
            $slave1 $slave2
    done
    update-alternatives \\
\t--install /usr/bin/jexec jexec $basedir/lib/jexec $priority \\
\t--slave \\
\t    /usr/share/binfmts/jar \\
\t    jexec-binfmt \\
\t    $basedir/lib/jar.binfmt
`;

describe('literal update-alternatives lines in postinst', () => {
  test("nodejs': the master and its slave, continuation lines joined", () => {
    assert.deepEqual(postinstAlternatives(NODEJS_POSTINST), [
      { name: 'js', link: 'usr/bin/js', target: '/usr/bin/nodejs', priority: 200 },
      { name: 'js.1.gz', link: 'usr/share/man/man1/js.1.gz', target: '/usr/share/man/man1/nodejs.1.gz', priority: 200 },
    ]);
  });

  test('anything not literal is skipped whole: variables, quotes, unknown words after the command', () => {
    assert.deepEqual(postinstAlternatives(JRE_POSTINST), []);
    assert.deepEqual(postinstAlternatives('update-alternatives --install "/usr/bin/x" x /usr/bin/y 5\n'), []);
    assert.deepEqual(postinstAlternatives('update-alternatives --install /usr/bin/x x /usr/bin/y 5 --slave /usr/bin/z z $Z\n'), []);
    assert.deepEqual(postinstAlternatives('update-alternatives --install /usr/bin/x x /usr/bin/y high\n'), []);
    assert.deepEqual(postinstAlternatives('update-alternatives --install /usr/bin/../../etc/x x /usr/bin/y 5\n'), []);
    assert.deepEqual(postinstAlternatives('echo update-alternatives --install /usr/bin/x x /usr/bin/y 5\n'), []);
  });

  test('merged /usr, command ends, links outside /usr and removals', () => {
    const got = postinstAlternatives(
      [
        'update-alternatives --quiet --install /bin/awk awk /bin/mawk 5 || true',
        'update-alternatives --install /etc/x.cnf x.cnf /etc/y.cnf 10 >/dev/null',
        'update-alternatives --install /usr/bin/old old /usr/bin/new 1 ; echo',
        'update-alternatives --remove old /usr/bin/new',
      ].join('\n'),
    );
    assert.deepEqual(got, [{ name: 'awk', link: 'usr/bin/awk', target: '/usr/bin/mawk', priority: 5 }]);
    assert.deepEqual(postinstAlternatives('update-alternatives --install /usr/bin/a a /usr/bin/b 1\nupdate-alternatives --remove-all a\n'), []);
  });
});

describe('composeImage makes the .jinfo links', () => {
  test('/usr/bin links go in the layer of the package that holds the target, the higher priority JRE wins', async () => {
    const debDir = tempDir();
    const jre = (name: string, home: string, priority: number) =>
      makeDeb(debDir, {
        name,
        files: {
          [`usr/lib/jvm/.${home}.jinfo`]: JINFO(home, priority),
          [`usr/lib/jvm/${home}/bin/java`]: { data: 'ELF', mode: 0o755 },
          [`usr/lib/jvm/${home}/bin/keytool`]: { data: 'ELF', mode: 0o755 },
        },
      });
    const old = jre('jre-old', 'java-11', 1111);
    const fresh = jre('jre-new', 'java-17', 1711);
    const spec = parseBaseSpec('t.yaml', 'layers:\n  first: [jre-old]\n  second: [jre-new]\n');
    const img = await composeImage({ spec, architecture: 'amd64', debs: [{ name: 'jre-old', file: old }, { name: 'jre-new', file: fresh }], workDir: tempDir(), mtime: 1_700_000_000 });
    const [first, second] = await Promise.all(img.layers.map((l) => readLayer(l.layer.file)));
    assert.equal(first!.get('usr/bin/java'), undefined, 'the lower priority JRE gets no link');
    assert.equal(second!.get('usr/bin/java')!.type, 'symlink');
    assert.equal(second!.get('usr/bin/java')!.linkname, '/usr/lib/jvm/java-17/bin/java');
    assert.equal(second!.get('usr/bin/keytool')!.linkname, '/usr/lib/jvm/java-17/bin/keytool');
    assert.equal(second!.get('usr/bin/javac'), undefined, 'no JDK installed, no javac link');
    assert.equal(second!.get('usr/bin/jexec'), undefined);
  });

  test('a .jinfo too large to be one is refused with the package named', async () => {
    const debDir = tempDir();
    const big = makeDeb(debDir, { name: 'odd-jre', files: { 'usr/lib/jvm/.odd.jinfo': `priority=1\n${'#'.repeat(1024 * 1024)}\n` } });
    await assert.rejects(
      composeImage({ spec: parseBaseSpec('t.yaml', 'packages: [odd-jre]\n'), architecture: 'amd64', debs: [{ name: 'odd-jre', file: big }], workDir: tempDir() }),
      (e: unknown) => e instanceof InputError && /^odd-jre: \/usr\/lib\/jvm\/\.odd\.jinfo is implausibly large/.test(e.message),
    );
  });

  test("a postinst's literal link, when its target is in the image; the man page slave goes with the dropped man pages", async () => {
    const debDir = tempDir();
    const node = makeDeb(debDir, { name: 'nodejs', scripts: { postinst: NODEJS_POSTINST }, files: { 'usr/bin/node': { data: 'ELF', mode: 0o755 }, 'usr/bin/nodejs': { link: 'node' }, 'usr/share/man/man1/nodejs.1.gz': 'man' } });
    const img = await composeImage({ spec: parseBaseSpec('t.yaml', 'packages: [nodejs]\n'), architecture: 'amd64', debs: [{ name: 'nodejs', file: node }], workDir: tempDir(), mtime: 1_700_000_000 });
    const layer = await readLayer(img.layers[0]!.layer.file);
    assert.equal(layer.get('usr/bin/js')!.linkname, '/usr/bin/nodejs');
    assert.equal(layer.get('usr/share/man/man1/js.1.gz'), undefined);
  });
});

/**
 * Java: the original's build (Maven, Gradle or plain javac/jar) runs in a JDK builder, the Maven POM resolved
 * before the sources; the runtime, a JRE, receives only the artefacts the start command names (`-jar X`, `-cp A:B`).
 */
import { posix } from 'node:path';
import type { Change } from '../types.js';
import { cacheMountsWanted, healthcheckLines, interpreterOf, splitPackages, startLines, type TemplateInput, type TemplateOutput } from '../common.js';
import { builderPackages, builderStageStart, finishTemplate } from './stage-parts.js';

/** The files a `java` command line reads from the image: the -jar file, or the class path entries. */
function artefactsOf(argv: readonly string[], workdir: string): string[] | { problem: string } {
  const abs = (p: string): string => (p.startsWith('/') ? p : posix.join(workdir, p));
  const jar = argv.indexOf('-jar');
  if (jar >= 0 && argv[jar + 1]) return [abs(argv[jar + 1]!)];
  const cp = argv.findIndex((a) => a === '-cp' || a === '-classpath' || a === '--class-path');
  const entries = cp >= 0 && argv[cp + 1] ? argv[cp + 1]!.split(':') : ['.'];
  if (entries.some((e) => /[*?$]/.test(e))) return { problem: `the class path ${entries.join(':')} uses wildcards or variables: whittle cannot tell which files to copy` };
  return entries.map(abs);
}

export function javaTemplate(input: TemplateInput): TemplateOutput {
  const { facts, builder, runtime, engine } = input;
  const java = input.stack.java!;
  const problems: string[] = [];
  const changes: Change[] = [];
  const runtimeJava = interpreterOf(runtime, 'java');
  if (!runtimeJava) problems.push(`the runtime ${runtime.image} has no known java: set interpreter: (or install: [default-jre-headless]) in bases.java.runtime`);
  if (!builder.shell) problems.push(`the builder ${builder.image} has no shell: RUN cannot work there`);
  const buildRuns = facts.runs.filter((r) => r.kinds.has('java'));
  if (buildRuns.length === 0) problems.push('no Java build (mvn, gradle or javac) in the Dockerfile: whittle cannot tell how the application is built');
  const split = splitPackages(facts, 'java', builder, runtime);
  const install = builderPackages(builder, split.builder);

  const workdir = facts.workdir ?? '/app';
  const mounts = cacheMountsWanted(engine);
  const builderStage = builderStageStart(builder, install);
  builderStage.push(`WORKDIR ${workdir}`);
  if (java.build === 'maven') {
    builderStage.push('COPY pom.xml ./');
    builderStage.push(`RUN ${mounts ? '--mount=type=cache,target=/root/.m2 ' : ''}mvn -B -q dependency:go-offline`);
  }
  // The sources as the original copied them, then its own build commands, verbatim, in the same folders.
  for (const { copy, workdir: at } of facts.copies) {
    const dest = copy.destination.startsWith('/') ? copy.destination : `${posix.join(at, copy.destination)}${copy.destination.endsWith('/') || copy.destination === '.' ? '/' : ''}`;
    builderStage.push(`COPY ${copy.sources.join(' ')} ${dest}`);
  }
  let current = workdir;
  for (const r of buildRuns) {
    if (r.workdir !== current) {
      builderStage.push(`WORKDIR ${r.workdir}`);
      current = r.workdir;
    }
    const script = r.run.command.form === 'shell' ? r.run.command.script.trim() : r.run.args;
    builderStage.push(`RUN ${mounts && java.build !== 'javac' ? `--mount=type=cache,target=${java.build === 'maven' ? '/root/.m2' : '/root/.gradle'} ` : ''}${script}`);
  }

  let artefacts: string[] = [];
  const start = startLines(facts, runtime, (argv) => {
    if (posix.basename(argv[0]!) !== 'java') return { problem: `the image starts "${argv[0]}", which is not java: whittle cannot tell where it comes from in the runtime` };
    const found = artefactsOf(argv, facts.workdir ?? '/');
    if ('problem' in found) return found;
    artefacts = found;
    return [runtimeJava ?? '/usr/bin/java', ...argv.slice(1)];
  });
  const health = healthcheckLines(facts, runtime, (p) => /java/.test(p) || (runtime.shell && runtime.packageManager !== 'none'));

  changes.push({
    effect: 'size',
    title: `A JRE runtime with only ${artefacts.length > 0 ? artefacts.join(', ') : 'the artefacts'}`,
    detail: 'The JDK (compiler, tools, headers), the build tool, its repository cache and the sources stay in the builder.',
  });
  if (java.build === 'maven') {
    changes.push({ effect: 'cache', title: 'pom.xml resolved before the sources (mvn dependency:go-offline)', detail: 'A source change reuses the dependency layer: Maven only downloads again when pom.xml changes.' });
  }
  const files = [`WORKDIR ${workdir}`, ...artefacts.map((a) => `COPY --from=builder ${a} ${a}`)];
  const toolchainEnv = (k: string): boolean => k === 'JAVA_HOME' || k === 'MAVEN_HOME';
  return finishTemplate(input, builderStage, { stack: 'java', split, files, toolchainEnv, start, health }, changes, problems);
}

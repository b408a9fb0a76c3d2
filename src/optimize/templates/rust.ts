/**
 * Rust: dependencies compiled against a placeholder main before the sources arrive (so a source change reuses
 * them), `cargo build --release`, and the binary alone on a glibc base, or on scratch for a static musl target.
 */
import { posix } from 'node:path';
import type { Change } from '../types.js';
import { cacheMountsWanted, healthcheckLines, runLines, splitPackages, startLines, type TemplateInput, type TemplateOutput } from '../common.js';
import { builderPackages, builderStageStart, finishTemplate } from './stage-parts.js';

export function rustTemplate(input: TemplateInput): TemplateOutput {
  const { facts, builder, runtime, engine, ctx } = input;
  const rust = input.stack.rust!;
  const problems: string[] = [];
  const changes: Change[] = [];
  const buildText = facts.runs.flatMap((r) => r.commands.map((c) => c.text)).join(' ');
  const target = /--target[= ](\S+)/.exec(buildText)?.[1];
  const musl = target !== undefined && target.includes('musl');
  if (!musl && runtime.libc === 'none') problems.push(`the binary links glibc (no musl --target) and the runtime ${runtime.image} has no C library: name a glibc base in bases.rust.runtime`);
  if (!builder.shell) problems.push(`the builder ${builder.image} has no shell: RUN cannot work there`);
  const workspace = /^\s*\[workspace\]/m.test(ctx.read('Cargo.toml') ?? '');
  const split = splitPackages(facts, 'rust', builder, runtime);
  const install = builderPackages(builder, split.builder);
  if (musl && builder.install.length > 0 && !install.includes('musl-tools')) install.push('musl-tools');

  const mounts = cacheMountsWanted(engine);
  const mountFlags = mounts ? ['--mount=type=cache,target=/usr/local/cargo/registry'] : [];
  const targetFlag = target ? ` --target ${target}` : '';
  const out = `target/${target ? `${target}/` : ''}release/${rust.name}`;
  const binary = `/usr/local/bin/${rust.name}`;
  const builderStage = builderStageStart(builder, install);
  if (musl) builderStage.push(`RUN rustup target add ${target}`);
  builderStage.push('WORKDIR /src');
  if (!workspace) {
    builderStage.push(`COPY Cargo.toml ${rust.lock ? 'Cargo.lock ' : ''}./`);
    builderStage.push(runLines(['mkdir -p src', "echo 'fn main() {}' > src/main.rs", `cargo build --release${rust.lock ? ' --locked' : ''}${targetFlag}`, 'rm -rf src'], mountFlags));
  }
  builderStage.push('COPY . .');
  builderStage.push(runLines(['touch src/main.rs', `cargo build --release${rust.lock ? ' --locked' : ''}${targetFlag}`, `cp ${out} /${rust.name}`], mountFlags));

  const start = startLines(facts, runtime, (argv) => {
    const program = posix.basename(argv[0]!);
    if (program === rust.name) return [binary, ...argv.slice(1)];
    if (program === 'cargo' && argv[1] === 'run') {
      const sep = argv.indexOf('--');
      return [binary, ...(sep >= 0 ? argv.slice(sep + 1) : [])];
    }
    return { problem: `the image starts "${argv[0]}", which is not the binary ${rust.name} the crate builds` };
  });
  const health = healthcheckLines(facts, runtime, () => runtime.shell && runtime.packageManager !== 'none');

  changes.push({ effect: 'size', title: `Only the release binary ships (${binary})`, detail: `The toolchain, the registry and target/ stay in the builder${musl ? '; the musl target links statically, so the runtime needs no C library' : ''}.` });
  if (!workspace) changes.push({ effect: 'cache', title: 'Dependencies compiled before the sources arrive', detail: 'Cargo.toml (and Cargo.lock) are built against a placeholder main first: a source change reuses the compiled dependencies.' });
  const files = [`COPY --from=builder /${rust.name} ${binary}`];
  return finishTemplate(input, builderStage, { stack: 'rust', split, files, toolchainEnv: (k) => /^(CARGO|RUSTUP)_/.test(k), start, health }, changes, problems);
}

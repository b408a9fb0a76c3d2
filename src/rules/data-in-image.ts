/** Datasets, model weights and big archives belong in volumes or init containers, not in image layers. */
import type { CopyInstruction, RunInstruction } from '../dockerfile/model.js';
import type { ShellCommand } from '../dockerfile/shell-model.js';
import type { Rule, RuleContext } from './types.js';
import { finalImageInstructions, finalStage } from './util/seeds.js';
import { basename, programArgs, programName } from './util/shell.js';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tbz2?|tar\.zst|tzst|zip|7z|rar|gz|xz|bz2|zst)$/i;
/** Archives ADD unpacks when they come from the context (so what lands is their content, not the archive). */
const ADD_EXTRACTS = /\.(tar|tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tbz2?)$/i;
const DATA = /\.(csv|tsv|parquet|feather|arrow|avro|orc|h5|hdf5|hdf|nc|pt|pth|onnx|ckpt|safetensors|pkl|pickle|joblib|npy|npz|tfrecords?|gguf|ggml|mdb|db|sqlite|sqlite3|sql|dump|jsonl|ndjson|iso)$/i;
const DATA_DIRS = /^(data|dataset|datasets|checkpoints|weights)$/i;
/** `models` is also where MVC frameworks keep code (`app/models`): only a top-level one counts. */
const MODEL_DIRS = /^models?$/i;

/** What a path looks like: a data file, an archive, a data directory, or nothing of interest. */
function kindOf(path: string): string | undefined {
  const clean = path.replace(/[?#].*$/, '');
  const name = basename(clean);
  // Schema and init scripts (`init.sql`, `schema.sql`, migrations) are configuration, not data.
  if (/\.sql$/i.test(name) && /init|schema|migrat/i.test(name)) return undefined;
  if (DATA.test(name)) return 'a data or model file';
  if (ARCHIVE.test(name)) return 'an archive';
  if (DATA_DIRS.test(name)) return 'a data directory';
  if (MODEL_DIRS.test(name) && !clean.replace(/^\.\//, '').replace(/\/+$/, '').includes('/')) return 'a data directory';
  return undefined;
}

const URL = /^(https?|ftp|s3|gs):\/\//i;

/** Tools whose only job is to fetch datasets or model weights. */
function dataFetcher(cmd: ShellCommand): string | undefined {
  const name = programName(cmd);
  const args = programArgs(cmd).map((w) => w.value);
  if ((name === 'huggingface-cli' || name === 'hf') && args[0] === 'download') return `${name} download`;
  if (name === 'aws' && args[0] === 's3' && /^(cp|sync)$/.test(args[1] ?? '')) return `aws s3 ${args[1]}`;
  if (name === 'gsutil' && /^(cp|rsync)$/.test(args.find((a) => !a.startsWith('-')) ?? '')) return 'gsutil';
  if (name === 'gcloud' && args[0] === 'storage' && /^(cp|rsync)$/.test(args[1] ?? '')) return `gcloud storage ${args[1]}`;
  if (name === 'dvc' && /^(pull|fetch|get|import)$/.test(args[0] ?? '')) return `dvc ${args[0]}`;
  if (name === 'kaggle' && args[0] === 'datasets' && args[1] === 'download') return 'kaggle datasets download';
  if (name === 'git' && args[0] === 'lfs' && /^(pull|fetch)$/.test(args[1] ?? '')) return `git lfs ${args[1]}`;
  return undefined;
}

/**
 * The output file of curl (`-o`) or wget (`-O`), in every spelling: `-o f`, `-of`, `-fsSLo f`, `--output=f`, `-qO-`.
 * (The shared flag helper does not read a value after combined short flags, which downloads use all the time.)
 */
function outputOf(args: readonly string[], short: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!;
    if (v === long || v === `-${short}`) return args[i + 1];
    if (v.startsWith(`${long}=`)) return v.slice(long.length + 1);
    if (v.startsWith('--') || !v.startsWith('-')) continue;
    const at = v.indexOf(short, 1);
    if (at < 0 || !/^[a-zA-Z]*$/.test(v.slice(1, at))) continue;
    return at === v.length - 1 ? args[i + 1] : v.slice(at + 1);
  }
  return undefined;
}

/** What a curl or wget command downloads: the names that tell what it is, and where it is saved (none: stdout). */
function download(cmd: ShellCommand): { names: string[]; saved: string | undefined } | undefined {
  const name = programName(cmd);
  if (name !== 'curl' && name !== 'wget') return undefined;
  const args = programArgs(cmd);
  const url = args.find((w) => URL.test(w.value))?.value;
  if (!url) return undefined;
  const output = outputOf(args.map((w) => w.value), name === 'curl' ? 'o' : 'O', name === 'curl' ? '--output' : '--output-document');
  const names = [url];
  let saved: string | undefined;
  if (output !== undefined) {
    if (output !== '-') names.push(output);
    saved = output === '-' ? undefined : output;
  } else if (name === 'wget' || args.some((w) => w.value === '-O' || w.value === '--remote-name' || /^-[a-zA-Z]*O[a-zA-Z]*$/.test(w.value))) {
    saved = basename(url.replace(/[?#].*$/, ''));
  }
  return { names, saved };
}

/** The archive is unpacked in the same RUN (piped into tar, or tar/unzip later) and removed or never saved. */
function extractedAndGone(run: RunInstruction, cmd: ShellCommand, file: string | undefined): boolean {
  const commands = run.shell.commands;
  const at = commands.indexOf(cmd);
  const later = commands.slice(at + 1);
  const extracts = (c: ShellCommand): boolean => {
    const n = programName(c);
    const a = programArgs(c).map((w) => w.value);
    if (n === 'tar') return a.some((v) => /^-?[a-zA-Z]*x/.test(v) || v === '--extract' || v === '--get');
    return /^(unzip|gunzip|gzip|bsdtar|7z|7za|unxz|bunzip2|zstd|unzstd|xz|funzip)$/.test(n);
  };
  if (cmd.inPipeline && cmd.connectorAfter === '|' && later[0] && extracts(later[0])) return true;
  if (!later.some(extracts) || file === undefined) return false;
  const path = file.replace(/[?#].*$/, '');
  const saved = basename(path);
  const removes = (v: string): boolean => {
    if (basename(v) === saved) return true;
    const dir = v.replace(/\*$/, '');
    return dir !== v && dir !== '' && path.startsWith(dir);
  };
  return later.some((c) => programName(c) === 'rm' && programArgs(c).some((w) => removes(w.value)));
}

function checkCopy(context: RuleContext, copy: CopyInstruction): void {
  for (const raw of copy.sources) {
    if (raw.startsWith('<<')) continue;
    const source = context.expand(raw, copy);
    const kind = kindOf(source);
    if (!kind) continue;
    // ADD unpacks a local tar archive: a typical rootfs or release, not a dataset.
    if (copy.keyword === 'ADD' && !URL.test(source) && ADD_EXTRACTS.test(source)) continue;
    context.report({
      range: copy.range,
      message: `${copy.keyword} puts "${source}" (${kind}) into the image: data makes every push, pull, node disk and registry copy grow with it. Mount it from a volume or fetch it with an init container instead.`,
    });
  }
}

function checkRun(context: RuleContext, run: RunInstruction): void {
  for (const cmd of run.shell.commands) {
    const fetcher = dataFetcher(cmd);
    if (fetcher) {
      context.report({
        range: cmd.range,
        message: `"${fetcher}" downloads data into the image at build time. Fetch it at run time into a volume (an init container in Kubernetes) instead.`,
      });
      continue;
    }
    const got = download(cmd);
    if (!got) continue;
    for (const file of got.names) {
      const kind = kindOf(file);
      if (!kind || kind === 'a data directory') continue;
      if (kind === 'an archive' && extractedAndGone(run, cmd, got.saved)) continue;
      context.report({
        range: cmd.range,
        message: `"${programName(cmd)}" downloads "${basename(file.replace(/[?#].*$/, ''))}" (${kind}) into the image. Keep data out of layers: a volume, or an init container that downloads it at start.`,
      });
      break;
    }
  }
}

export const dataInImage: Rule = {
  meta: {
    id: 'data-in-image',
    aliases: [],
    severity: 'warning',
    title: 'Keep datasets and large archives out of the image',
    practice:
      'Datasets and model weights in an image make everything harder: pushes, pulls, registry storage, node disks, backups and layer caching. Expose them through a volume and fill it with an init container (seeds/001, "careful about putting entire datasets in images"; seeds/000, "keep application data elsewhere").',
    source: 'seeds/001',
    fixable: false,
    keywords: ['COPY', 'ADD', 'RUN'],
    docs: `Reports data that ends up in the final image, judged by name:

- COPY/ADD of files with a data or model extension (\`.csv\`, \`.parquet\`, \`.h5\`, \`.pt\`, \`.pth\`, \`.onnx\`, \`.ckpt\`, \`.safetensors\`, \`.pkl\`, \`.npy\`, \`.sql\`, \`.db\`, \`.sqlite\` ...), of archives (\`.zip\`, \`.tar.gz\` ...), and of directories named \`data\`, \`datasets\`, \`models\`, \`checkpoints\`, \`weights\`;
- \`curl\`/\`wget\` downloads of such files, and data fetchers (\`huggingface-cli download\`, \`aws s3 cp\`, \`gsutil cp\`, \`dvc pull\`, \`kaggle datasets download\`, \`git lfs pull\`).

Not reported: archives unpacked and deleted in the same RUN (or piped into \`tar\`), the usual way to install a release; local tar archives given to ADD, which unpacks them; and anything in builder stages, which never reach the final image.

Bad:
\`\`\`Dockerfile
FROM python:3.12-slim
COPY models/resnet50.onnx /models/
RUN curl -fsSLo /data/train.parquet https://example.com/train.parquet
\`\`\`

Good (the image holds code; the data comes in through a volume an init container fills):
\`\`\`Dockerfile
FROM python:3.12-slim
COPY app/ /app/
VOLUME /models
CMD ["python", "/app/serve.py", "--model", "/models/resnet50.onnx"]
\`\`\``,
  },
  check(context) {
    const df = context.dockerfile;
    if (!finalStage(df)) return;
    for (const instruction of finalImageInstructions(df)) {
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') checkCopy(context, instruction as CopyInstruction);
      else if (instruction.keyword === 'RUN') checkRun(context, instruction as RunInstruction);
    }
  },
};

/** Rules for the practices of the seed documents that hadolint lacks (multi-stage, minimal bases, PID 1, data, secrets). */
import type { Rule } from '../types.js';
import { aptUpdateAlone } from '../apt-update-alone.js';
import { buildDepsNotRemoved } from '../build-deps-not-removed.js';
import { buildToolsInFinalStage } from '../build-tools-in-final-stage.js';
import { cacheBustingCopy } from '../cache-busting-copy.js';
import { dataInImage } from '../data-in-image.js';
import { devDependenciesInFinal } from '../dev-dependencies-in-final.js';
import { missingDockerignore } from '../missing-dockerignore.js';
import { preferMinimalBase } from '../prefer-minimal-base.js';
import { runsAsRoot } from '../runs-as-root.js';
import { secretInArgOrEnv } from '../secret-in-arg-or-env.js';
import { shellFormEntrypoint } from '../shell-form-entrypoint.js';
import { upxCompressed } from '../upx-compressed.js';

export const seedRules: readonly Rule[] = [
  preferMinimalBase,
  buildToolsInFinalStage,
  aptUpdateAlone,
  cacheBustingCopy,
  missingDockerignore,
  buildDepsNotRemoved,
  devDependenciesInFinal,
  dataInImage,
  upxCompressed,
  runsAsRoot,
  shellFormEntrypoint,
  secretInArgOrEnv,
];

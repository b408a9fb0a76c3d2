/** The rules about a Dockerfile's structure: FROM and stages, COPY/ADD, CMD/ENTRYPOINT, USER, WORKDIR, EXPOSE, ENV/ARG, HEALTHCHECK, ONBUILD, MAINTAINER, pragmas. */
import type { Rule } from '../types.js';
import { allowedBaseImage } from '../allowed-base-image.js';
import { consistentInstructionCasing } from '../consistent-instruction-casing.js';
import { copyFromOwnStage } from '../copy-from-own-stage.js';
import { copyFromUndefinedStage } from '../copy-from-undefined-stage.js';
import { copyIgnoredFile } from '../copy-ignored-file.js';
import { copyInsteadOfAdd } from '../copy-instead-of-add.js';
import { copyMultipleSourcesDestSlash } from '../copy-multiple-sources-dest-slash.js';
import { copyRelativeDestWithoutWorkdir } from '../copy-relative-dest-without-workdir.js';
import { definitionDescriptionFormat } from '../definition-description-format.js';
import { envSelfReference } from '../env-self-reference.js';
import { execFormCmd } from '../exec-form-cmd.js';
import { exposeInvalidFormat } from '../expose-invalid-format.js';
import { exposePortRange } from '../expose-port-range.js';
import { exposeProtoCasing } from '../expose-proto-casing.js';
import { fromAsCasing } from '../from-as-casing.js';
import { fromLatest } from '../from-latest.js';
import { fromPlatformConstant } from '../from-platform-constant.js';
import { fromPlatformRedundant } from '../from-platform-redundant.js';
import { fromUntagged } from '../from-untagged.js';
import { healthcheckMissing } from '../healthcheck-missing.js';
import { inlineIgnorePragma } from '../inline-ignore-pragma.js';
import { instructionOrder } from '../instruction-order.js';
import { invalidDefaultArgInFrom } from '../invalid-default-arg-in-from.js';
import { lastUserRoot } from '../last-user-root.js';
import { legacyKeyValueFormat } from '../legacy-key-value-format.js';
import { maintainerDeprecated } from '../maintainer-deprecated.js';
import { multipleCmd } from '../multiple-cmd.js';
import { multipleEntrypoint } from '../multiple-entrypoint.js';
import { multipleHealthcheck } from '../multiple-healthcheck.js';
import { noEmptyContinuation } from '../no-empty-continuation.js';
import { onbuildForbiddenTrigger } from '../onbuild-forbidden-trigger.js';
import { reservedStageName } from '../reserved-stage-name.js';
import { stageNameCasing } from '../stage-name-casing.js';
import { stageNameUnique } from '../stage-name-unique.js';
import { trustedRegistry } from '../trusted-registry.js';
import { undefinedArgInFrom } from '../undefined-arg-in-from.js';
import { undefinedVariable } from '../undefined-variable.js';
import { workdirAbsolute } from '../workdir-absolute.js';

export const structureRules: readonly Rule[] = [
  inlineIgnorePragma,
  workdirAbsolute,
  lastUserRoot,
  fromUntagged,
  fromLatest,
  exposePortRange,
  multipleHealthcheck,
  copyInsteadOfAdd,
  copyMultipleSourcesDestSlash,
  copyFromUndefinedStage,
  copyFromOwnStage,
  stageNameUnique,
  execFormCmd,
  trustedRegistry,
  fromPlatformConstant,
  fromPlatformRedundant,
  onbuildForbiddenTrigger,
  envSelfReference,
  copyRelativeDestWithoutWorkdir,
  healthcheckMissing,
  instructionOrder,
  maintainerDeprecated,
  multipleCmd,
  multipleEntrypoint,
  stageNameCasing,
  fromAsCasing,
  noEmptyContinuation,
  consistentInstructionCasing,
  reservedStageName,
  undefinedArgInFrom,
  undefinedVariable,
  legacyKeyValueFormat,
  invalidDefaultArgInFrom,
  copyIgnoredFile,
  definitionDescriptionFormat,
  exposeProtoCasing,
  exposeInvalidFormat,
  allowedBaseImage,
];

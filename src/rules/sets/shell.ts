/** The RUN (package managers and shell) rules and the label rules: hadolint's DL3xxx/DL4xxx equivalents. */
import type { Rule } from '../types.js';
import { addToExtractArchives } from '../add-to-extract-archives.js';
import { apkNoCache } from '../apk-no-cache.js';
import { apkPinVersions } from '../apk-pin-versions.js';
import { aptGetNotApt } from '../apt-get-not-apt.js';
import { aptGetPinVersions } from '../apt-get-pin-versions.js';
import { aptGetYes } from '../apt-get-yes.js';
import { aptListsNotRemoved } from '../apt-lists-not-removed.js';
import { aptNoInstallRecommends } from '../apt-no-install-recommends.js';
import { consecutiveRun } from '../consecutive-run.js';
import { dnfCleanAll } from '../dnf-clean-all.js';
import { dnfPinVersions } from '../dnf-pin-versions.js';
import { dnfYes } from '../dnf-yes.js';
import { gemPinVersions } from '../gem-pin-versions.js';
import { goInstallPinVersions } from '../go-install-pin-versions.js';
import { labelEmail } from '../label-email.js';
import { labelEmpty } from '../label-empty.js';
import { labelGitHash } from '../label-git-hash.js';
import { labelKeyValid } from '../label-key-valid.js';
import { labelMissing } from '../label-missing.js';
import { labelRfc3339 } from '../label-rfc3339.js';
import { labelSemver } from '../label-semver.js';
import { labelSpdx } from '../label-spdx.js';
import { labelSuperfluous } from '../label-superfluous.js';
import { labelUrl } from '../label-url.js';
import { noSudo } from '../no-sudo.js';
import { npmPinVersions } from '../npm-pin-versions.js';
import { pipNoCacheDir } from '../pip-no-cache-dir.js';
import { pipPinVersions } from '../pip-pin-versions.js';
import { pipefail } from '../pipefail.js';
import { pointlessCommands } from '../pointless-commands.js';
import { preferWorkdir } from '../prefer-workdir.js';
import { useShellInstruction } from '../use-shell-instruction.js';
import { useraddNoLogInit } from '../useradd-no-log-init.js';
import { wgetOrCurl } from '../wget-or-curl.js';
import { wgetProgress } from '../wget-progress.js';
import { yarnCacheClean } from '../yarn-cache-clean.js';
import { yumCleanAll } from '../yum-clean-all.js';
import { yumPinVersions } from '../yum-pin-versions.js';
import { yumYes } from '../yum-yes.js';
import { zypperClean } from '../zypper-clean.js';
import { zypperNoDistUpgrade } from '../zypper-no-dist-upgrade.js';
import { zypperPinVersions } from '../zypper-pin-versions.js';
import { zypperYes } from '../zypper-yes.js';

/** In hadolint code order. */
export const shellRules: readonly Rule[] = [
  pointlessCommands, // DL3001
  preferWorkdir, // DL3003
  noSudo, // DL3004
  aptGetPinVersions, // DL3008
  aptListsNotRemoved, // DL3009
  addToExtractArchives, // DL3010
  pipPinVersions, // DL3013
  aptGetYes, // DL3014
  aptNoInstallRecommends, // DL3015
  npmPinVersions, // DL3016
  apkPinVersions, // DL3018
  apkNoCache, // DL3019
  aptGetNotApt, // DL3027
  gemPinVersions, // DL3028
  yumYes, // DL3030
  yumCleanAll, // DL3032
  yumPinVersions, // DL3033
  zypperYes, // DL3034
  zypperNoDistUpgrade, // DL3035
  zypperClean, // DL3036
  zypperPinVersions, // DL3037
  dnfYes, // DL3038
  dnfCleanAll, // DL3040
  dnfPinVersions, // DL3041
  pipNoCacheDir, // DL3042
  useraddNoLogInit, // DL3046
  wgetProgress, // DL3047
  labelKeyValid, // DL3048
  labelMissing, // DL3049
  labelSuperfluous, // DL3050
  labelEmpty, // DL3051
  labelUrl, // DL3052
  labelRfc3339, // DL3053
  labelSpdx, // DL3054
  labelGitHash, // DL3055
  labelSemver, // DL3056
  labelEmail, // DL3058
  consecutiveRun, // DL3059
  yarnCacheClean, // DL3060
  goInstallPinVersions, // DL3062
  wgetOrCurl, // DL4001
  useShellInstruction, // DL4005
  pipefail, // DL4006
];

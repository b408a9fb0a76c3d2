#!/usr/bin/env bash
# Imports a root file system tar (from debian-base.sh) as a one-layer image in the e2e storage.
# Usage: import-base.sh ROOTFS_TAR IMAGE_NAME KEY   (KEY is recorded as a label so callers can tell a stale base)
set -euo pipefail
here=$(dirname "$0")
. "$here/storage.sh"

tarball="${1:?usage: import-base.sh ROOTFS_TAR IMAGE_NAME KEY}"
name="${2:?image name}"
key="${3:?key}"

ctr=$(buildah "${buildah_opts[@]}" from scratch)
trap 'buildah "${buildah_opts[@]}" rm "$ctr" >/dev/null 2>&1 || true' EXIT
buildah "${buildah_opts[@]}" add "$ctr" "$tarball" / >/dev/null
buildah "${buildah_opts[@]}" config \
  --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --cmd '["bash"]' --os linux --arch "$(dpkg --print-architecture)" \
  --label org.whittle.e2e.base-key="$key" \
  --created-by "debootstrap --variant=minbase bookworm (scripts/e2e/debian-base.sh)" "$ctr"
buildah "${buildah_opts[@]}" commit -q --rm "$ctr" "$name" >/dev/null
trap - EXIT

#!/usr/bin/env bash
# Builds one e2e image from its Dockerfile with buildah (layers kept, as docker build would) and exports it:
#   OUT/image.docker.tar  docker-archive (docker save format, uncompressed layers)
#   OUT/oci/              OCI image layout, tag "latest" (gzip layers)
#   OUT/oci-zstd/         OCI image layout, tag "latest" (zstd layers)
#   OUT/dpkg-query.txt    `dpkg-query -W` run inside the image (only if it has dpkg)
# Usage: build-image.sh NAME CONTEXT_DIR OUT_DIR [FORMAT] [EXPORTS]
#   FORMAT: oci (default) or docker; EXPORTS: comma-separated subset of docker-archive,oci,oci-zstd (default all)
set -euo pipefail
here=$(dirname "$0")
. "$here/storage.sh"

name="${1:?usage: build-image.sh NAME CONTEXT_DIR OUT_DIR [FORMAT]}"
context="${2:?context dir}"
out="${3:?out dir}"
format="${4:-oci}"
exports=",${5:-docker-archive,oci,oci-zstd},"
tag="localhost/whittle-test/$name:latest"

t0=$(date +%s)
buildah "${buildah_opts[@]}" bud --layers --force-rm --isolation chroot --pull=never --format "$format" \
  -t "$tag" -f "$context/Dockerfile" "$context" >"$out.build.log" 2>&1 || {
  tail -n 60 "$out.build.log" >&2
  exit 1
}
t1=$(date +%s)

rm -rf "$out.partial"
mkdir -p "$out.partial"
if [[ $exports == *,docker-archive,* ]]; then
  skopeo copy -q "$(store_ref "$tag")" "docker-archive:$out.partial/image.docker.tar:whittle-test/$name:latest"
fi
if [[ $exports == *,oci,* ]]; then
  skopeo copy -q "$(store_ref "$tag")" "oci:$out.partial/oci:latest"
fi
if [[ $exports == *,oci-zstd,* ]]; then
  skopeo copy -q --dest-compress-format zstd "$(store_ref "$tag")" "oci:$out.partial/oci-zstd:latest"
fi
t2=$(date +%s)

# The package list as dpkg itself reports it, for tests to compare whittle's package analysis against.
ctr=$(buildah "${buildah_opts[@]}" from --pull=never "$tag")
if buildah "${buildah_opts[@]}" run --isolation chroot "$ctr" -- dpkg-query -W >"$out.partial/dpkg-query.txt" 2>/dev/null; then
  :
else
  rm -f "$out.partial/dpkg-query.txt"
fi
buildah "${buildah_opts[@]}" rm "$ctr" >/dev/null
t3=$(date +%s)

mv "$out.build.log" "$out.partial/build.log"
printf '{"name":"%s","tag":"%s","buildSeconds":%d,"exportSeconds":%d,"inspectSeconds":%d}\n' \
  "$name" "$tag" $((t1 - t0)) $((t2 - t1)) $((t3 - t2)) >"$out.partial/build.json"
rm -rf "$out"
mv "$out.partial" "$out"
echo "built $tag in $((t1 - t0))s, exported in $((t2 - t1))s" >&2

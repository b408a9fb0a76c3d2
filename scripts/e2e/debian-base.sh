#!/usr/bin/env bash
# Makes a minimal Debian bookworm root file system with debootstrap and saves it as a tar file.
# Usage: debian-base.sh OUT_TAR
# The mirror is the machine's own Debian archive (from its apt sources), so this works where only Debian's
# archive is reachable; override with WHITTLE_DEBIAN_MIRROR.
set -euo pipefail

out="${1:?usage: debian-base.sh OUT_TAR}"
suite="${WHITTLE_DEBIAN_SUITE:-bookworm}"

find_mirror() {
  if [[ -n "${WHITTLE_DEBIAN_MIRROR:-}" ]]; then echo "$WHITTLE_DEBIAN_MIRROR"; return; fi
  local uri
  # deb822 sources first (Debian 12's default), then the one-line format.
  uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)
  if [[ -z "$uri" && -f /etc/apt/sources.list ]]; then
    uri=$(grep -hE '^deb ' /etc/apt/sources.list | awk '{for(i=2;i<=NF;i++) if ($i ~ /^https?:/) {print $i; exit}}' | grep -v -- '-security' | head -n1 || true)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

mirror=$(find_mirror)
work=$(mktemp -d "${TMPDIR:-/var/tmp}/whittle-debootstrap.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "debootstrap --variant=minbase $suite from $mirror" >&2
debootstrap --variant=minbase "$suite" "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -n 40 "$work/debootstrap.log" >&2
  exit 1
}
# Clean up as Debian's official images do: no package lists, apt caches, downloaded .debs or logs, so the
# base carries no junk of its own and every byte of waste the e2e tests measure comes from their Dockerfiles.
rm -rf "$work/rootfs/debootstrap" \
  "$work/rootfs/var/lib/apt/lists/"* \
  "$work/rootfs/var/cache/apt/"*.bin \
  "$work/rootfs/var/cache/apt/archives/"*.deb \
  "$work/rootfs/var/log/"*.log "$work/rootfs/var/log/apt/"*
mkdir -p "$work/rootfs/var/lib/apt/lists/partial"
tar -C "$work/rootfs" --numeric-owner --xattrs -cf "$out.partial" .
mv "$out.partial" "$out"

# Sourced by the e2e build scripts: the buildah/skopeo storage they share (test/helpers/e2e-images.ts has the
# same defaults). A storage root of its own, outside the repository so that no file walk over the work tree ever
# descends into full root file systems. overlay where the kernel has it and we are root (a layer costs its own
# bytes and builds copy nothing); vfs elsewhere (copies the whole root file system at every step).
if [[ -z "${WHITTLE_E2E_DRIVER:-}" ]]; then
  if [[ $EUID -eq 0 ]] && grep -qw overlay /proc/filesystems 2>/dev/null; then WHITTLE_E2E_DRIVER=overlay; else WHITTLE_E2E_DRIVER=vfs; fi
fi
suffix=""
[[ "$WHITTLE_E2E_DRIVER" == vfs ]] || suffix="-$WHITTLE_E2E_DRIVER"
WHITTLE_E2E_STORAGE="${WHITTLE_E2E_STORAGE:-/var/tmp/whittle-e2e/storage$suffix}"
WHITTLE_E2E_RUNROOT="${WHITTLE_E2E_RUNROOT:-/var/tmp/whittle-e2e/runroot$suffix}"
buildah_opts=(--storage-driver "$WHITTLE_E2E_DRIVER" --root "$WHITTLE_E2E_STORAGE" --runroot "$WHITTLE_E2E_RUNROOT")
store_ref() { echo "containers-storage:[$WHITTLE_E2E_DRIVER@$WHITTLE_E2E_STORAGE+$WHITTLE_E2E_RUNROOT]$1"; }

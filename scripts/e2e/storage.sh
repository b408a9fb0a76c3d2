# Sourced by the e2e build scripts: the buildah/skopeo storage they share.
# A storage root of its own (vfs: works without overlay or fuse), outside the repository so that no
# file walk over the work tree ever descends into full root file systems.
WHITTLE_E2E_STORAGE="${WHITTLE_E2E_STORAGE:-/var/tmp/whittle-e2e/storage}"
WHITTLE_E2E_RUNROOT="${WHITTLE_E2E_RUNROOT:-/var/tmp/whittle-e2e/runroot}"
buildah_opts=(--storage-driver vfs --root "$WHITTLE_E2E_STORAGE" --runroot "$WHITTLE_E2E_RUNROOT")
store_ref() { echo "containers-storage:[vfs@$WHITTLE_E2E_STORAGE+$WHITTLE_E2E_RUNROOT]$1"; }

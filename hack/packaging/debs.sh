# shellcheck shell=bash
# Fetches Debian packages with apt-get through a private configuration under the cache dir, so the host's
# own apt sources (any distro, any release) are neither needed nor changed. Sourced by hack/build-plugin
# and the packaging tests.
#
#   debs_fetch ARCH PACKAGE=VERSION...   prints the paths of the downloaded .deb files, one a line
#   debs_fetch ARCH PACKAGE/SUITE...     newest version of PACKAGE in SUITE

VCM_CACHE="${VCM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/velero-plugin-for-cert-manager}"
VCM_APT="$VCM_CACHE/apt"
VCM_DEB_MIRROR="${VCM_DEB_MIRROR:-http://deb.debian.org/debian}"

_debs_apt() {
  apt-get -q \
    -o Dir::Etc::SourceList="$VCM_APT/sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null \
    -o Dir::State="$VCM_APT/state" -o Dir::State::status="$VCM_APT/status" \
    -o Dir::Cache="$VCM_APT/cache" -o Debug::NoLocking=1 -o Acquire::Languages=none \
    -o APT::Architectures::=amd64 -o APT::Architectures::=arm64 \
    -o APT::Sandbox::User=root \
    -o Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false \
    -o Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false \
    -o Acquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled=false \
    -o Acquire::IndexTargets::deb::DEP-11-icons-hidpi::DefaultEnabled=false "$@"
}

# Refreshes the package lists at most once a day (a stale list can name a .deb the archive has dropped).
_debs_update() {
  mkdir -p "$VCM_APT/state/lists/partial" "$VCM_APT/cache/archives/partial" "$VCM_APT/debs"
  touch "$VCM_APT/status"
  local key="/usr/share/keyrings/debian-archive-keyring.gpg"
  [[ -r $key ]] || { echo "debs: $key is missing (apt-get install debian-archive-keyring)" >&2; return 1; }
  local want
  want=$(for suite in bullseye bookworm trixie; do
    echo "deb [arch=amd64,arm64 signed-by=$key] $VCM_DEB_MIRROR $suite main"
  done)
  if [[ "$(cat "$VCM_APT/sources.list" 2>/dev/null)" != "$want" ]] ||
    [[ -z $(find "$VCM_APT/state/lists" -maxdepth 1 -name '*_Packages*' -mmin -1440 -print -quit) ]]; then
    printf '%s\n' "$want" >"$VCM_APT/sources.list"
    echo "debs: refreshing Debian package lists (bullseye, bookworm, trixie)" >&2
    _debs_apt update >&2 || { echo "debs: apt-get update failed" >&2; return 1; }
  fi
}

debs_fetch() {
  local arch=$1
  shift
  _debs_update || return 1
  local spec
  for spec in "$@"; do
    local name=${spec%%[=/]*}
    local found
    # apt-get download writes into the current directory; keep a per-spec dir so repeated runs reuse it.
    local dir="$VCM_APT/debs/${spec//\//_}_$arch"
    found=$(find "$dir" -name '*.deb' -print -quit 2>/dev/null || true)
    if [[ -z $found ]]; then
      mkdir -p "$dir"
      (cd "$dir" && _debs_apt download "$name:$arch${spec#"$name"}" >&2) ||
        { echo "debs: could not download $spec for $arch" >&2; rm -rf "$dir"; return 1; }
      found=$(find "$dir" -name '*.deb' -print -quit)
    fi
    echo "$found"
  done
}

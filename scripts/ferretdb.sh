#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (a MongoDB wire-protocol server) for the MongoDB tests and prints the binary's path.
# `go install …@v1.24.2` does not work here: the module proxy refuses the version list, and a build with
# FerretDB as the main module panics because build/version/version.txt is empty in the module archive.
# So: download the module, copy it, fill in version.txt, build. Cached under FERRETDB_CACHE.
# With --cached it only prints the path of an already built binary, and fails when there is none.
set -euo pipefail

version=v1.24.2
cache="${FERRETDB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stackable-credentials}"
bin="$cache/ferretdb-$version"

if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi
[ "${1:-}" != --cached ] || exit 1
command -v go >/dev/null || { echo "ferretdb.sh: go is not installed" >&2; exit 1; }

mkdir -p "$cache"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

# Outside any Go module, so `go mod download` fetches the module itself.
dir=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$version" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$dir" ] || { echo "ferretdb.sh: go mod download gave no directory" >&2; exit 1; }

cp -r "$dir" "$work/src"
chmod -R u+w "$work/src"
printf '%s' "$version" > "$work/src/build/version/version.txt"
(cd "$work/src" && go build -o "$bin.tmp" ./cmd/ferretdb) >&2
mv "$bin.tmp" "$bin"
echo "$bin"

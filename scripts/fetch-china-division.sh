#!/usr/bin/env bash
# Downloads the full national division list (china-division@2.7.0 from the npm
# registry, NBS 2023 codes) and copies its dist/*.csv files into OUT_DIR, for
# scale tests and benchmarks. The small two-county subset that the project ships
# lives in data/regions/ (see data/regions/README.md).
#
# Usage: scripts/fetch-china-division.sh [OUT_DIR]
#   OUT_DIR defaults to bench/data/china-division under the repository root
#   (bench/data/ is git-ignored). Needs npm, tar and sha256sum.
set -euo pipefail

PKG="china-division"
VERSION="2.7.0"
# sha256 of china-division-2.7.0.tgz as served by the registry.
TGZ_SHA256="210ad17ed5de7355ff069eabec71671f7d43c39295effcb013214815ed3ecc85"
FILES=(provinces.csv cities.csv areas.csv streets.csv villages.csv)

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${1:-$repo_root/bench/data/china-division}"

for tool in npm tar sha256sum; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: '$tool' is required but not found in PATH" >&2
    exit 1
  fi
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "Downloading $PKG@$VERSION ..." >&2
tgz="$(cd "$tmp" && npm pack --silent "$PKG@$VERSION" | tail -n 1)"
if [[ -z "$tgz" || ! -f "$tmp/$tgz" ]]; then
  echo "error: npm pack did not produce a tarball" >&2
  exit 1
fi

actual_sha="$(sha256sum "$tmp/$tgz" | cut -d' ' -f1)"
if [[ "$actual_sha" != "$TGZ_SHA256" ]]; then
  echo "error: checksum mismatch for $tgz" >&2
  echo "  expected $TGZ_SHA256" >&2
  echo "  got      $actual_sha" >&2
  exit 1
fi

tar -xzf "$tmp/$tgz" -C "$tmp"

mkdir -p "$out_dir"
for f in "${FILES[@]}"; do
  src="$tmp/package/dist/$f"
  if [[ ! -f "$src" ]]; then
    echo "error: $f missing from $tgz" >&2
    exit 1
  fi
  cp "$src" "$out_dir/$f"
done

echo "Wrote $PKG@$VERSION CSVs to $out_dir"
for f in "${FILES[@]}"; do
  lines="$(wc -l < "$out_dir/$f")"
  printf '%-14s %8d rows\n' "$f" "$((lines - 1))"   # minus the header line
done

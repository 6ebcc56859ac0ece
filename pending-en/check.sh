#!/bin/sh
# Checks the English demo pages before the two-language build exists: it
# copies the demo into a temporary folder, puts each English page in the
# place of its German original (links to .en.md pages then lead to .md),
# sets language: en and runs klartext check and build on that copy.
# Run from the repository's root: pending-en/check.sh
set -eu
out=${TMPDIR:-/tmp}/klartext-pending-en
rm -rf "$out"
mkdir -p "$out"
cp -R content themes "$out/"
(cd pending-en/content && find . -name '*.en.md') | while read -r f; do
	sed 's/\.en\.md/.md/g' "pending-en/content/$f" >"$out/content/${f%.en.md}.md"
done
sed -i 's/^language: de$/language: en/' "$out/content/site.yaml"
go run ./cmd/klartext check --source "$out"
go run ./cmd/klartext build --source "$out" --dest "$out/public"

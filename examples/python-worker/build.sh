#!/usr/bin/env bash
# Installs the pinned Python SDK into target/venv; skipped when the venv already holds exactly
# requirements.txt (a stamp of its checksum), so a second build costs nothing and downloads nothing.
set -euo pipefail
cd "$(dirname "$0")"
python="${PYTHON:-python3}"
stamp=target/venv/.requirements.sha256
want="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [[ -x target/venv/bin/python && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "python-worker: target/venv is up to date"
  exit 0
fi
rm -rf target/venv
"$python" -m venv target/venv
target/venv/bin/pip install --quiet --disable-pip-version-check --no-input -r requirements.txt
echo "$want" > "$stamp"
echo "python-worker: installed $(grep -i '^hatchet-sdk==' requirements.txt) into target/venv"

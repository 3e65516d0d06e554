#!/usr/bin/env bash
# One command: install what bangtin needs, build it, and show the bundled demo content
# (a live window when a display is present, else PNG frames in out/demo/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
swift build -c release --product bangtin
exec .build/release/bangtin demo "$@"

#!/usr/bin/env bash
# One command: install what the tests need, build once, run every test.
# Swift Testing runs the suites in parallel inside one process.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh --tests
swift format lint --strict -r Package.swift Sources Tests bench
BANGTIN_STRICT=1 swift build --build-tests
BANGTIN_STRICT=1 swift test --skip-build

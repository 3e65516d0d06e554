#!/usr/bin/env bash
# One command: install what the tests need, build once, run every test, build the library's
# documentation, then fuzz the content decoders for a minute (FUZZ_SECONDS; 0 skips it).
# Swift Testing runs the suites in parallel inside one process.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh --tests
swift format lint --strict -r Package.swift Sources Tests bench Examples
BANGTIN_STRICT=1 swift build --build-tests
BANGTIN_STRICT=1 swift test --skip-build
# BangtinRender's documentation builds with DocC, every public symbol and parameter documented.
mkdir -p .build/docs
swift package --disable-sandbox generate-documentation --target BangtinRender --warnings-as-errors \
  --output-path .build/docs/BangtinRender >/dev/null
if [ "${FUZZ_SECONDS:-60}" != 0 ]; then bash scripts/fuzz.sh; fi

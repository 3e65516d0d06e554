#!/usr/bin/env bash
# Installs the Debian 12 packages bangtin needs, using sudo only when not root.
# Usage: scripts/system-packages.sh [--tests]
set -euo pipefail
packages=(pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libcurl4-openssl-dev libmosquitto-dev libsqlite3-dev libspng-dev)
# --tests adds the real servers and tools the tests drive: nginx, mosquitto, Xvfb, tesseract,
# ImageMagick, openssl, and ffmpeg (ffmpeg and ffprobe for the video tests).
if [ "${1:-}" = "--tests" ]; then
  packages+=(tesseract-ocr tesseract-ocr-vie python3-jsonschema xvfb imagemagick nginx-light openssl mosquitto ffmpeg)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "error: the Swift 6 toolchain is not on PATH. Install it from swift.org (Debian 12 build) and add its usr/bin to PATH." >&2
  exit 1
fi

#!/usr/bin/env bash
# Installs the headless browser the report test drives (Debian's chromium package), unless it
# is already there. Idempotent; needs root (or sudo) and the distribution's package mirror.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium is installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO apt-get install -y chromium

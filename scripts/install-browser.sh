#!/bin/sh
# Installs Debian's chromium for the end-to-end tests (test/e2e), once: a no-op when it is there.
# Playwright's own browser downloads are not used (no network at test time, one system browser).
set -e
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  echo "chromium: $(command -v chromium || echo /usr/bin/chromium)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium fonts-noto-core
echo "chromium: $(command -v chromium)"

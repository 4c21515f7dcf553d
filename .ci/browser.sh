#!/usr/bin/env bash
# Install (once) Debian's headless-capable Chromium and its matching chromedriver for the browser
# test (tests/test_label_studio_browser.py). Debian's packages, not a browser Selenium Manager would
# download: the driver and the browser come from the same source and version.
#
# Prints nothing on success; the test finds /usr/bin/chromium and /usr/bin/chromedriver. Where the
# packages cannot be installed (no root, no apt) it says so and exits 0: the test then skips with
# its reason.
set -euo pipefail
# A font with Chinese characters, so that screenshots of a report show its text, not boxes.
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver && -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]]; then
    exit 0
fi
if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
    echo "browser.sh: chromium/chromedriver missing and apt-get as root is not available; the browser test will skip" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || echo "browser.sh: apt-get update failed" >&2
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-wqy-microhei >&2 \
    || echo "browser.sh: installing chromium, chromium-driver and fonts-wqy-microhei failed; the browser test will skip" >&2

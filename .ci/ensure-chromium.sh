# Sourced by ./yunrag test (and so by .ci/run): the web UI tests drive Debian's headless Chromium and chromedriver.
# Installed when missing and running as root (CI is root); otherwise says what to install.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium, chromium-driver and CJK fonts for the web UI tests" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
  else
    echo "warning: the web UI tests need Chromium and chromedriver: sudo apt-get install chromium chromium-driver" >&2
  fi
fi

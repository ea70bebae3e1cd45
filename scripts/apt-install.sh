# Sourced by the setup scripts: apt_install WHO PACKAGE… installs Debian packages as root or through sudo, or says
# what an administrator must run. WHO names the script in messages ("setup", "test setup", "bench:speech").
apt_install() {
  local who="$1"
  shift
  echo "$who: installing Debian packages: $*…"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "$who: $* not installed, and this script cannot install them (it needs root or sudo)." >&2
    echo "       Ask an administrator to run:  apt-get install $*" >&2
    return 1
  fi
}

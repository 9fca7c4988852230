#!/usr/bin/env bash
# Runs a command with a real OS keychain the tests may write to.
# On Linux: a private D-Bus session with an unlocked GNOME Keyring and a throwaway HOME, so
# tests use the real Secret Service without touching the developer's own keyring.
# Elsewhere the OS keychain is always there, and tests use their own service names.
set -euo pipefail

if [[ "$(uname -s)" != Linux ]]; then
  exec "$@"
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    echo "The tests need a Secret Service, and $tool is missing." >&2
    echo "Install it with: apt-get install -y gnome-keyring dbus dbus-x11 libsecret-1-0" >&2
    exit 1
  fi
done

# npm keeps its cache under HOME; keep using the real one so nothing is fetched again.
export npm_config_cache="${npm_config_cache:-$HOME/.npm}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -m 700 "$scratch/home" "$scratch/runtime"
export HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/runtime"

# The unlocking daemon claims org.freedesktop.secrets on the bus a moment after it returns. A
# client arriving before that makes D-Bus start a second daemon whose keyring may be locked
# ("unlock prompt was dismissed"), so wait, without asking for the service itself, until the
# name is owned and its default collection is unlocked. Not exec'd: the trap above removes the
# throwaway HOME once the session ends (an exec would drop the trap, leaving two folders in /tmp
# per `npm test`).
dbus-run-session -- sh -c '
  echo unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
  bus_says() { dbus-send --session --print-reply "$@" 2>/dev/null; }
  tries=0
  until bus_says --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q "boolean true" &&
        bus_says --dest=org.freedesktop.secrets /org/freedesktop/secrets/aliases/default org.freedesktop.DBus.Properties.Get \
          string:org.freedesktop.Secret.Collection string:Locked | grep -q "boolean false"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 100 ]; then echo "The test keyring did not come up unlocked within 10 seconds." >&2; exit 1; fi
    sleep 0.1
  done
  exec "$@"
' sh "$@"

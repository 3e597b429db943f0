#!/usr/bin/env bash
# Builds the container image and tests it end to end against the fake Discord on 127.0.0.1:
# docs/service.md, "Tested here". Needs podman (Debian: apt install podman) and the project's
# test environment (.venv with '.[test]'); for the base image, mmdebstrap, or BASE=an image to use.
#
#   deploy/test-container.sh                      # base image from Debian's packages (mmdebstrap)
#   BASE=docker.io/library/python:3.11-slim-bookworm deploy/test-container.sh
#
# The image is the Dockerfile's, unchanged; only its entry point is swapped for tests/discord_app/
# launch_bot.py (mounted read-only), which points discord.py at the fake Discord, as the end-to-end
# tests do. The container uses the host's network to reach it (and, for PyPI, while building).
#
# In a VM where podman cannot start containers ("setrlimit RLIMIT_NPROC: Operation not permitted",
# "cgroups in hybrid mode not supported"), point CONTAINERS_CONF at a file with
#   [containers]
#   default_ulimits = ["nofile=8192:8192", "nproc=4096:4096"]
#   [engine]
#   runtime = "runc"
# (apt install runc), as was needed where this script was first run.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
IMAGE=${IMAGE:-localhost/storybot-discord:test}

if [ -z "${BASE:-}" ]; then
  BASE=localhost/storybot-base:bookworm
  if ! podman image exists "$BASE"; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    # Debian's Python, nothing else; the host's extra certificate authorities come along, so pip
    # reaches PyPI through a proxy that re-signs TLS, as it does on the host.
    hooks=()
    if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
      hooks+=(--customize-hook="copy-in $(echo /usr/local/share/ca-certificates/*.crt) /usr/local/share/ca-certificates/")
      hooks+=(--customize-hook='chroot "$1" update-ca-certificates')
    fi
    echo "test-container: building $BASE from Debian's packages"
    mmdebstrap --quiet --variant=minbase --include=python3,python3-venv,ca-certificates \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
      --dpkgopt='path-exclude=/usr/share/locale/*' "${hooks[@]}" bookworm "$work/base.tar"
    podman import --quiet "$work/base.tar" "$BASE" >/dev/null
  fi
fi

echo "test-container: building $IMAGE on $BASE"
podman build --quiet --format docker --network host --build-arg BASE="$BASE" -t "$IMAGE" . >/dev/null
podman image inspect --format 'test-container: image size {{.Size}} bytes' "$IMAGE"

PYTHONPATH=. "$PYTHON" deploy/container_check.py "$IMAGE"

#!/usr/bin/env bash
# Run by build.sh before `docker build`: installs the pinned TypeScript compiler and Node.js types into
# node_modules/ (the Docker build context) with the host's npm, exactly as package-lock.json says.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v npm >/dev/null 2>&1 || { echo "typescript image: npm is needed on the host (Debian: apt-get install npm)" >&2; exit 1; }
npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null

#!/usr/bin/env bash
# `npm test`: type-check, build, then every unit, integration and end-to-end test, all with a
# real Secret Service (see with-secret-service.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

npm run --silent typecheck
npm run --silent build
bash scripts/with-secret-service.sh node_modules/.bin/vitest run "$@"
bash scripts/with-secret-service.sh node_modules/.bin/playwright test

#!/bin/sh
# The test files for `npm run test:unit`, slowest first: node --test starts files in the order given
# (--test-concurrency at a time), so the long ones (the az CLI, the browser, the CLI processes) run
# from the start beside the many short ones instead of last, on their own.
cd "$(dirname "$0")/.." || exit 1
SLOW="test/az test/console test/cli"
find $SLOW -name '*.test.ts' | sort
find src test -name '*.test.ts' -not -path 'test/az/*' -not -path 'test/console/*' -not -path 'test/cli/*' | sort

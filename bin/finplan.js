#!/usr/bin/env node
// The `finplan` command of the package (package.json "bin"). The CLI itself is compiled TypeScript
// in dist/; in a checkout, `npm install` builds it (the "prepare" script).
import '../dist/apps/cli/main.js';

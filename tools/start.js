#!/usr/bin/env node
// `npm start`: the whole platform in one process on the embedded adapters (see apps/all-in-one).
process.argv.splice(2, 0, require('node:path').join(__dirname, '..', 'apps', 'all-in-one', 'src', 'main.ts'));
require('./run-ts.js');

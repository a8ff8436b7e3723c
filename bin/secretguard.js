#!/usr/bin/env node
// The published entry: load the bundled CLI (one file, so that start-up stays close to Node's own).
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/cli.js');

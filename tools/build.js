#!/usr/bin/env node
// Nx `build` target: compiles a project's TypeScript (not its tests) with swc into dist/<projectRoot>, with the
// decorator metadata Nest and TypeORM need and the @cc/* aliases rewritten to relative paths, so that
// `node dist/apps/<app>/src/main.js` runs once the libraries it uses are built too (`nx build <app>` builds them
// first). Type checking is the `typecheck` target, which `build` depends on.
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');
const { compilerOptions } = require('../tsconfig.base.json');

const root = path.resolve(__dirname, '..');
const projectRoot = process.argv[2];
if (!projectRoot) {
  console.error('usage: node tools/build.js <projectRoot>');
  process.exit(2);
}
const source = path.join(root, projectRoot, 'src');
const out = path.join(root, 'dist', projectRoot, 'src');
const isTest = (file) => /\.(spec|integration-spec)\.ts$/.test(file);

function* sources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !isTest(entry.name)) yield full;
  }
}

fs.rmSync(out, { recursive: true, force: true });
let count = 0;
for (const file of sources(source)) {
  const { code, map } = swc.transformFileSync(file, {
    swcrc: false,
    sourceMaps: true,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
      baseUrl: root,
      paths: compilerOptions.paths,
    },
    module: { type: 'commonjs' },
  });
  const target = path.join(out, path.relative(source, file)).replace(/\.ts$/, '.js');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
  fs.writeFileSync(`${target}.map`, map);
  count++;
}
console.log(`built ${count} files of ${projectRoot} into ${path.relative(root, out)}`);

import { describe, expect, it } from 'vitest';
import { lazyBuildMap } from '../src/project/build-scripts.js';
import { ProjectHost } from '../src/project/host.js';
import { dedent, writeProject, type Files } from './helpers/temp-project.js';

function buildMap(files: Files) {
  const host = new ProjectHost(writeProject(files));
  return lazyBuildMap(host, Object.keys(files).sort());
}

const sources = { 'src/api.ts': '', 'src/jobs/sync.ts': '', 'src/index.ts': '' };

describe('build scripts read statically', () => {
  it('esbuild: object and { in, out } entries name their outputs; outbase is honoured', () => {
    const map = buildMap({
      ...sources,
      'esbuild.config.mjs': dedent`
        import * as esbuild from 'esbuild';
        const common = { bundle: true, platform: 'node', outdir: 'dist' };
        await esbuild.build({ ...common, entryPoints: { 'api/index': 'src/api.ts' } });
        await esbuild.build({ entryPoints: [{ in: 'src/jobs/sync.ts', out: 'sync-job' }], outdir: 'out' });
        await esbuild.build({ entryPoints: ['src/jobs/sync.ts'], outbase: '.', outdir: 'lib' });
      `,
    });
    expect(map.sourceOf('dist/api/index')?.source).toBe('src/api.ts');
    expect(map.sourceOf('out/sync-job')?.source).toBe('src/jobs/sync.ts');
    expect(map.sourceOf('lib/src/jobs/sync')?.source).toBe('src/jobs/sync.ts');
    expect(map.sourceOf('lib/sync')).toBeUndefined();
  });

  it('esbuild glob entry points expand over the project files, with outbase', () => {
    const map = buildMap({
      'svc/lib/handlers/auth.ts': '',
      'svc/lib/handlers/admin/users.ts': '',
      'svc/lib/helpers/db.ts': '',
      'svc/package.json': '{ "scripts": { "build": "ts-node bin/build.handlers.ts" } }',
      'svc/bin/build.handlers.ts': "import * as esbuild from 'esbuild';\nesbuild.build({ entryPoints: ['./lib/handlers/**'], outdir: 'dist', outbase: './lib/' });\n",
    });
    expect(map.sourceOf('svc/dist/handlers/auth')?.source).toBe('svc/lib/handlers/auth.ts');
    expect(map.sourceOf('svc/dist/handlers/admin/users')?.source).toBe('svc/lib/handlers/admin/users.ts');
    expect(map.sourceOf('svc/dist/helpers/db')).toBeUndefined();
  });

  it('computed entry points, hashed file names and entries that do not exist map nothing', () => {
    const map = buildMap({
      ...sources,
      'build.mjs': dedent`
        import { build } from 'esbuild';
        import { globSync } from 'glob';
        await build({ entryPoints: globSync('src/*.ts'), outdir: 'dist' });
        await build({ entryPoints: ['src/missing.ts'], outfile: 'gone/missing.js' });
      `,
      'rollup.config.mjs': "export default { input: 'src/api.ts', output: { dir: 'bundle', entryFileNames: '[name]-[hash].js' } };\n",
    });
    expect(map.sourceOf('dist/api')).toBeUndefined();
    expect(map.sourceOf('gone/missing')).toBeUndefined();
    expect(map.sourceOf('bundle/api')).toBeUndefined();
  });

  it('webpack: a single entry is chunk main; output.path from path.resolve(__dirname, ...)', () => {
    const map = buildMap({
      ...sources,
      'webpack.config.js': "const path = require('path');\nmodule.exports = { entry: './src/index.ts', output: { path: path.resolve(__dirname, 'build') } };\n",
    });
    expect(map.sourceOf('build/main')?.source).toBe('src/index.ts');
  });

  it('package.json scripts: esbuild --outdir in a subpackage, zip -j, and a script that does not parse', () => {
    const map = buildMap({
      'services/api/src/api.ts': '',
      'services/api/package.json': JSON.stringify({
        scripts: { build: 'npx esbuild src/api.ts --bundle --platform=node --outdir=dist', zip: 'zip -j dist/api.zip dist/api.js' },
      }),
      'package.json': '{ "scripts": ',
    });
    expect(map.sourceOf('services/api/dist/api')?.source).toBe('services/api/src/api.ts');
    expect(map.zipRoot('services/api/dist/api.zip')).toBe('services/api/dist');
  });
});

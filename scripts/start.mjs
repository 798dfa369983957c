// `npm start`: runs the lambdalint CLI on the bundled example projects in fixtures/, which have
// deliberate problems in every rule family, so the output is what a user sees on a real project.
// Exit 1 from lambdalint (it found errors) is the expected result here; anything else is a failure.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const run = spawnSync(process.execPath, [join(root, 'dist/src/cli/bin.js'), ...(args.length ? args : ['fixtures'])], { cwd: root, stdio: 'inherit' });
if (run.status === 1) {
  console.log('\nlambdalint exited with 1 because the example projects contain deliberate errors: that is the expected result.');
  process.exitCode = 0;
} else {
  process.exitCode = run.status ?? 2;
}

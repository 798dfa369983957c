import { createCrossRule } from '../src/cross-rules/create-cross-rule.js';
import { envAccessesFor } from '../src/cross-rules/env-reads.js';
import { isConsumedOutsideCode } from '../src/cross-rules/lambda-env.js';
import { envVarsReadByLibraries } from '../src/knowledge/library-env-vars.js';

export default createCrossRule({
  name: 'unused-env-var',
  meta: {
    type: 'suggestion',
    docs: {
      description: "Disallow environment variables that no code of the function reads",
      recommended: 'off',
      strict: 'error',
      sources: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html'],
    },
    messages: {
      unusedEnvVar:
        "Environment variable {{name}} of {{fn}} is read by none of the {{files}} files its handler loads: dead weight in the 4 KB limit, or a typo.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      function(linked) {
        const { fn, resolution, files } = linked;
        if (resolution.status !== 'found' || files.length === 0) return;
        const factsList = files.map((file) => context.facts(file));
        // Every file must be known, and none may read the environment dynamically.
        if (factsList.some((facts) => !facts || facts.readsWholeEnv)) return;
        const read = new Set(files.flatMap((file, i) => envAccessesFor(linked, file, factsList[i]!).filter((r) => !r.write).map((r) => r.name)));
        // Libraries the code imports read some variables themselves (`openai` reads OPENAI_API_KEY).
        files.forEach((file, i) => {
          const language = file.endsWith('.py') ? 'python' : 'javascript';
          // A Python import under `except ImportError` still loads the library when it is installed.
          const imported = factsList[i]!.packageImports.filter((imp) => language === 'python' || !imp.typeOnly).map((imp) => imp.name);
          envVarsReadByLibraries(language, imported).forEach((name) => read.add(name));
        });
        for (const [name, value] of Object.entries(fn.environment)) {
          // Inherited provider/Globals variables serve other functions too.
          if (value.inheritedFrom || read.has(name) || isConsumedOutsideCode(name)) continue;
          context.report({
            messageId: 'unusedEnvVar',
            data: { name, fn: fn.name, files: files.length, handler: resolution.file },
            loc: value.loc,
            functions: [fn.name],
          });
        }
      },
    };
  },
});

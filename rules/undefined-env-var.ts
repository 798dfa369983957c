import { createCrossRule } from '../src/cross-rules/create-cross-rule.js';
import { envAccessesFor } from '../src/cross-rules/env-reads.js';
import { dotenvNames } from '../src/cross-rules/dotenv.js';
import { OPTIONAL_BY_CONVENTION, RUNTIME_ENV_VARS, environmentKnown } from '../src/cross-rules/lambda-env.js';
import { nameList } from '../src/name-list.js';
import { setByDeployPlugin } from '../src/cross-rules/plugin-env.js';

interface Options {
  /** Names that may be read without a definition. */
  allow?: string[];
}

export default createCrossRule<[Options], 'undefinedEnvVar'>({
  name: 'undefined-env-var',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow reading environment variables that the function's deploy config does not define",
      recommended: 'error',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
      ],
    },
    messages: {
      undefinedEnvVar:
        "{{read}} has no fallback and is not set for {{functions}} in {{config}}: it is {{missing}} at run time.",
    },
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{}],
  create(context) {
    const allow = new Set(context.options[0]?.allow ?? []);
    // One finding per read site, naming every function that runs it without the variable.
    const sites = new Map<string, { file: string; line: number; column: number; name: string; python: boolean; functions: Set<string>; configs: Set<string> }>();
    return {
      function(linked) {
        const { fn, resolution, files } = linked;
        if (resolution.status !== 'found' || !environmentKnown(fn)) return;
        const factsList = files.map((file) => ({ file, facts: context.facts(file) }));
        if (factsList.some(({ facts }) => !facts)) return; // a file of the graph was not read: names could be anywhere
        const loadsDotenv = factsList.some(({ facts }) => facts!.loadsDotenv);
        const fromDotenv = dotenvNames(fn, loadsDotenv, context.host);
        if (!fromDotenv) return;
        // Names the code sets itself (`process.env.X = ...`) are defined for its other reads.
        const written = new Set(factsList.flatMap(({ facts }) => facts!.envReads.filter((r) => r.write).map((r) => r.name)));
        for (const { file, facts } of factsList) {
          for (const read of envAccessesFor(linked, file, facts!)) {
            const name = read.name;
            if (read.write || read.hasFallback || written.has(name) || name in fn.environment || fromDotenv.has(name)) continue;
            if (RUNTIME_ENV_VARS.has(name) || OPTIONAL_BY_CONVENTION.has(name) || allow.has(name) || setByDeployPlugin(fn, name)) continue;
            const key = `${file}:${read.loc.line}:${read.loc.column}:${name}`;
            const site = sites.get(key) ?? { file, line: read.loc.line, column: read.loc.column, name, python: resolution.language === 'python', functions: new Set(), configs: new Set() };
            site.functions.add(fn.name);
            site.configs.add(fn.source.file);
            sites.set(key, site);
          }
        }
      },
      project() {
        for (const site of [...sites.values()]) {
          const names = [...site.functions].sort();
          context.report({
            messageId: 'undefinedEnvVar',
            data: {
              // Python reads fail differently: `os.environ["X"]` raises KeyError, `os.getenv("X")` returns None.
              ...(site.python ? { read: `os.environ['${site.name}']`, missing: 'unset (KeyError or None)' } : { read: `process.env.${site.name}`, missing: 'undefined' }),
              functions: nameList(names),
              config: nameList([...site.configs].sort()),
            },
            loc: { file: site.file, line: site.line, column: site.column },
            functions: names,
          });
        }
      },
    };
  },
});

/**
 * Environment variables that libraries read themselves, so a function that imports the library uses
 * them although none of its own code names them (`unused-env-var`). Each entry is the library's own
 * source, read at the commit given, checked 2026-12-06. Prefix families (POWERTOOLS_, DD_, OTEL_, ...)
 * are in `isConsumedOutsideCode`; this table is for plain names only a given library gives meaning to.
 */
export interface LibraryEnvVars {
  language: 'javascript' | 'python';
  /** npm package name, or Python top-level import name. */
  importName: string;
  names: readonly string[];
  source: string;
}

export const LIBRARY_ENV_VARS: readonly LibraryEnvVars[] = [
  {
    language: 'python',
    importName: 'strands_tools',
    // The `retrieve` tool: os.getenv("KNOWLEDGE_BASE_ID"), os.getenv("MIN_SCORE", "0.4").
    names: ['KNOWLEDGE_BASE_ID', 'MIN_SCORE'],
    source: 'https://github.com/strands-agents/tools/blob/08d251f00f86e3c6bcf539d601f88ef13e1193cf/src/strands_tools/retrieve.py',
  },
  {
    language: 'python',
    importName: 'openai',
    // OpenAI() / AsyncOpenAI(): api_key, organization, project, webhook_secret, base_url default from these.
    names: ['OPENAI_API_KEY', 'OPENAI_ORG_ID', 'OPENAI_PROJECT_ID', 'OPENAI_WEBHOOK_SECRET', 'OPENAI_BASE_URL'],
    source: 'https://github.com/openai/openai-python/blob/02cf7cdbdb19f5c782d5cee65db6b45d73b9ce0d/src/openai/_client.py',
  },
  {
    language: 'javascript',
    importName: 'openai',
    // new OpenAI(): readEnv('OPENAI_BASE_URL' | 'OPENAI_API_KEY' | 'OPENAI_ORG_ID' | 'OPENAI_PROJECT_ID' | 'OPENAI_WEBHOOK_SECRET' | 'OPENAI_LOG').
    names: ['OPENAI_API_KEY', 'OPENAI_ORG_ID', 'OPENAI_PROJECT_ID', 'OPENAI_WEBHOOK_SECRET', 'OPENAI_BASE_URL', 'OPENAI_LOG'],
    source: 'https://github.com/openai/openai-node/blob/0064618aa8dc770c9fde96dbf3f5b2897e915f69/src/client.ts',
  },
];

/** Names read by the libraries a file imports (`importNames`: npm package names or Python top-level modules). */
export function envVarsReadByLibraries(language: LibraryEnvVars['language'], importNames: Iterable<string>): Set<string> {
  const imported = new Set(importNames);
  const names = new Set<string>();
  for (const entry of LIBRARY_ENV_VARS) {
    if (entry.language === language && imported.has(entry.importName)) entry.names.forEach((name) => names.add(name));
  }
  return names;
}

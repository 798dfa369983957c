/**
 * Hostile inputs, generated: each case writes a small project into a folder. `scale` 1 is the
 * size that broke lambdalint before (issue 14); tests use small scales of the same generators,
 * so a regression test never needs a large committed file.
 *
 * Every case is `{ name, what, args?, write(dir, scale) }`; `write` may return extra CLI args.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';

const MB = 1024 * 1024;

export function put(root, path, text) {
  const absolute = join(root, ...path.split('/'));
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
}

const SLS_HEAD = 'service: hostile\nprovider:\n  name: aws\n  runtime: nodejs20.x\n';
const HANDLER = 'exports.handler = async () => ({ statusCode: 200 });\n';

/** `${self:custom.lN}` repeating level N-1 `fan` times, `levels` deep (4 KB at scale 1). */
export function serverlessExpansion(levels = 7, fan = 10) {
  let text = `${SLS_HEAD}custom:\n  l0: "${'x'.repeat(100)}"\n`;
  for (let i = 1; i <= levels; i++) text += `  l${i}: "${`\${self:custom.l${i - 1}}`.repeat(fan)}"\n`;
  text += `functions:\n  f:\n    handler: handler.handler\n    environment:\n      BIG: \${self:custom.l${levels}}\n`;
  return text;
}

/** Parameters whose defaults `!Sub` / `!Join` the one before ten times, `levels` deep. */
export function cloudFormationExpansion(levels = 8, fan = 10, base = 1000, kind = 'Sub') {
  let text = `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nParameters:\n  P0:\n    Type: String\n    Default: "${'y'.repeat(base)}"\n`;
  for (let i = 1; i <= levels; i++) {
    const value = kind === 'Sub' ? `!Sub "${`\${P${i - 1}}`.repeat(fan)}"` : `!Join ["", [${Array(fan).fill(`!Ref P${i - 1}`).join(', ')}]]`;
    text += `  P${i}:\n    Type: String\n    Default: ${value}\n`;
  }
  text += `Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: handler.handler\n      Runtime: nodejs20.x\n      Environment:\n        Variables:\n          BIG: !Sub "\${P${levels}}"\n`;
  return text;
}

/**
 * A CDK stack whose environment value is built from constants that repeat the one before `fan`
 * times, `levels` deep, over a `base`-character string: by template literal (`\`${a0}${a0}...\``)
 * or string `+` (`(a0 + a0) + (a0 + a0)`, paired so that the expression stays shallow).
 */
export function cdkExpansion(levels = 8, fan = 10, kind = 'template', base = 100) {
  const paired = (terms) => (terms.length === 1 ? terms[0] : `(${paired(terms.slice(0, terms.length >> 1))} + ${paired(terms.slice(terms.length >> 1))})`);
  let text = `import * as lambda from 'aws-cdk-lib/aws-lambda';\nimport { Stack } from 'aws-cdk-lib';\nconst a0 = '${'z'.repeat(base)}';\n`;
  for (let i = 1; i <= levels; i++) {
    const value = kind === 'template' ? `\`${`\${a${i - 1}}`.repeat(fan)}\`` : paired(Array(fan).fill(`a${i - 1}`));
    text += `const a${i} = ${value};\n`;
  }
  text += `export class S extends Stack {\n  constructor(scope: any, id: string) {\n    super(scope, id);\n    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'handler.handler', code: lambda.Code.fromAsset('src'), environment: { BIG: a${levels} } });\n  }\n}\n`;
  return text;
}

/** A handler with `depth` nested blocks (14 KB at 2,000). */
export function nestedHandler(depth = 2000) {
  return `exports.handler = async (e) => {\n${'if (e) {\n'.repeat(depth)}${'}\n'.repeat(depth)}};\n`;
}

/** A SAM template with one anchor of `keys` variables aliased `aliases` times (1.5 MB at scale 1). */
export function aliasFanOut(keys = 30_000, aliases = 200) {
  let text = `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn0:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: handler.handler\n      Runtime: nodejs20.x\n      Environment:\n        Variables: &big\n`;
  for (let i = 0; i < keys; i++) text += `          K${i}: v${i}\n`;
  for (let i = 1; i <= aliases; i++) {
    text += `  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: handler.handler\n      Runtime: nodejs20.x\n      Environment:\n        Variables: *big\n`;
  }
  return text;
}

/** A SAM template of many small functions, about `bytes` long. */
export function bigTemplate(bytes) {
  const parts = [`AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n`];
  let size = parts[0].length;
  for (let i = 0; size < bytes - 400; i++) {
    const block = `  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: handler.handler\n      Runtime: nodejs20.x\n      MemorySize: 512\n      Timeout: 10\n      Environment:\n        Variables:\n          TABLE: table-${i}\n`;
    parts.push(block);
    size += block.length;
  }
  return parts.join('');
}

/** A Terraform file with one list of numbers about `bytes` long, and one function. */
export function bigTerraformList(bytes) {
  const count = Math.floor((bytes - 600) / 9);
  const items = [];
  for (let i = 0; i < count; i++) items.push(String(1000000 + i));
  return `locals {\n  big = [${items.join(', ')}]\n}\n${terraformFunction(0)}`;
}

export function terraformFunction(i) {
  return `resource "aws_lambda_function" "f${i}" {\n  function_name = "f${i}"\n  handler       = "handler.handler"\n  runtime       = "nodejs20.x"\n  filename      = "f.zip"\n  role          = "arn:aws:iam::123456789012:role/r"\n}\n`;
}

/** `blocks` Lambda function resources in one file (16k took 32 s with a linear block search). */
export function manyTerraformBlocks(blocks) {
  const parts = [];
  for (let i = 0; i < blocks; i++) parts.push(terraformFunction(i));
  return parts.join('');
}

/** A minified (one-line) handler of about `bytes`. */
export function minifiedHandler(bytes) {
  const parts = [];
  for (let i = 0, size = 0; size < bytes - 100; i++) {
    const unit = `var a${i}=function(t){return t&&t.x?t.x+1:0};`;
    parts.push(unit);
    size += unit.length;
  }
  return `${parts.join('')}exports.handler=async function(e){return a0(e)};\n`;
}

/** A handler with `count` module-scope variables and a handler that uses many of them. */
export function manyVariables(count) {
  const lines = [];
  for (let i = 0; i < count; i++) lines.push(`const v${i} = ${i};`);
  lines.push('exports.handler = async (e) => {');
  for (let i = 0; i < count; i += 10) lines.push(`  if (e.k === v${i}) return v${i + 1};`);
  lines.push('  return 0;\n};');
  return `${lines.join('\n')}\n`;
}

/** A handler with `count` hardcoded secrets: as many findings in one file. */
export function manyFindings(count) {
  const lines = [];
  for (let i = 0; i < count; i++) lines.push(`const k${i} = 'AKIA${String(i).padStart(16, '0')}';`);
  lines.push('exports.handler = async () => k0;');
  return `${lines.join('\n')}\n`;
}

function slsFor(handler = 'handler.handler', extra = '') {
  return `${SLS_HEAD}${extra}functions:\n  f:\n    handler: ${handler}\n`;
}

export const CASES = [
  {
    name: 'serverless-variable-expansion',
    what: '4 KB serverless.yml, ${self:} x10 per level, 7 levels',
    write(dir, scale = 1) {
      put(dir, 'serverless.yml', serverlessExpansion(Math.max(2, Math.round(7 * scale)), 10));
      put(dir, 'handler.js', HANDLER);
    },
  },
  {
    name: 'cloudformation-sub-expansion',
    what: 'SAM template, !Sub x10 per level over a 1 KB default, 8 levels',
    write(dir, scale = 1) {
      put(dir, 'template.yaml', cloudFormationExpansion(Math.max(2, Math.round(8 * scale)), 10, 1000, 'Sub'));
      put(dir, 'handler.js', HANDLER);
    },
  },
  {
    name: 'cloudformation-join-expansion',
    what: 'SAM template, !Join x10 per level over a 1 KB default, 8 levels',
    write(dir, scale = 1) {
      put(dir, 'template.yaml', cloudFormationExpansion(Math.max(2, Math.round(8 * scale)), 10, 1000, 'Join'));
      put(dir, 'handler.js', HANDLER);
    },
  },
  {
    name: 'cdk-template-expansion',
    what: 'CDK stack, template literal x10 per level over 100 chars, 8 levels',
    write(dir, scale = 1) {
      put(dir, 'lib/stack.ts', cdkExpansion(Math.max(2, Math.round(8 * scale)), 10, 'template'));
      put(dir, 'src/handler.js', HANDLER);
    },
  },
  {
    name: 'js-nesting',
    what: 'handler of 2,000 nested `if (e) {` (14 KB)',
    write(dir, scale = 1) {
      put(dir, 'serverless.yml', slsFor());
      put(dir, 'handler.js', nestedHandler(Math.round(2000 * scale)));
    },
  },
  {
    name: 'yaml-alias-fan-out',
    what: '1.5 MB template: one 30,000-key anchor aliased 200 times',
    write(dir, scale = 1) {
      put(dir, 'template.yaml', aliasFanOut(Math.round(30_000 * scale), 200));
      put(dir, 'handler.js', HANDLER);
    },
  },
  {
    name: 'yaml-5mb',
    what: '4.9 MB SAM template (20,000 functions)',
    write(dir, scale = 1) {
      put(dir, 'template.yaml', bigTemplate(4.9 * MB * scale));
      put(dir, 'handler.js', HANDLER);
    },
  },
  {
    name: 'terraform-5mb-list',
    what: '4.9 MB Terraform list of numbers',
    write(dir, scale = 1) {
      put(dir, 'main.tf', bigTerraformList(4.9 * MB * scale));
      put(dir, 'handler.js', HANDLER);
    },
  },
  {
    name: 'minified-handler',
    what: '4.9 MB one-line handler',
    write(dir, scale = 1) {
      put(dir, 'serverless.yml', slsFor());
      put(dir, 'handler.js', minifiedHandler(4.9 * MB * scale));
    },
  },
  {
    name: 'several-at-once',
    what: 'the three above in one project',
    write(dir, scale = 1) {
      put(dir, 'sam/template.yaml', bigTemplate(4.9 * MB * scale).replaceAll('handler.handler', 'app.handler'));
      put(dir, 'sam/app.js', HANDLER);
      put(dir, 'tf/main.tf', bigTerraformList(4.9 * MB * scale));
      put(dir, 'serverless.yml', slsFor());
      put(dir, 'handler.js', minifiedHandler(4.9 * MB * scale));
    },
  },
  {
    name: 'several-templates',
    what: 'four 4.9 MB SAM templates in one project',
    write(dir, scale = 1) {
      for (const name of ['a', 'b', 'c', 'd']) {
        put(dir, `${name}/template.yaml`, bigTemplate(4.9 * MB * scale));
        put(dir, `${name}/handler.js`, HANDLER);
      }
    },
  },
  {
    name: 'terraform-16k-blocks',
    what: '16,000 aws_lambda_function blocks in one .tf (3 MB)',
    write(dir, scale = 1) {
      put(dir, 'main.tf', manyTerraformBlocks(Math.round(16_000 * scale)));
      put(dir, 'handler.js', HANDLER);
    },
  },
  {
    name: 'many-findings',
    what: '80,000 findings in one handler',
    write(dir, scale = 1) {
      put(dir, 'serverless.yml', slsFor());
      put(dir, 'handler.js', manyFindings(Math.round(80_000 * scale)));
    },
  },
  {
    // One file of 80,000 findings is over the token budget: the same count over 8 files is linted.
    name: 'many-findings-8-files',
    what: '80,000 findings in 8 handlers',
    write(dir, scale = 1) {
      let sls = `${SLS_HEAD}functions:\n`;
      for (let i = 0; i < 8; i++) {
        sls += `  f${i}:\n    handler: h${i}.handler\n`;
        put(dir, `h${i}.js`, manyFindings(Math.round(10_000 * scale)));
      }
      put(dir, 'serverless.yml', sls);
    },
  },
  {
    name: 'many-variables',
    what: 'handler with 40,000 variables (no-floating-promise scope lookups)',
    write(dir, scale = 1) {
      put(dir, 'serverless.yml', slsFor());
      put(dir, 'handler.js', manyVariables(Math.round(40_000 * scale)));
    },
  },
  {
    name: 'dotenv-long-line',
    what: '600 KB dotenv line of spaces (comment regex backtracking)',
    write(dir, scale = 1) {
      put(dir, 'serverless.yml', slsFor('handler.handler', 'useDotenv: true\n'));
      put(dir, '.env', `A=a${' '.repeat(Math.round(600_000 * scale))}b\n`);
      put(dir, 'handler.js', HANDLER);
    },
  },
  {
    name: 'brackets-in-yaml-string',
    what: '201 `[` inside a quoted YAML string is not nesting',
    write(dir) {
      put(dir, 'serverless.yml', `${SLS_HEAD}custom:\n  s: "${'['.repeat(201)}"\n  t: '${'{'.repeat(201)}'\nfunctions:\n  f:\n    handler: handler.handler\n`);
      put(dir, 'handler.js', HANDLER);
    },
  },
  {
    name: 'braces-in-cdk-template',
    what: '300 `{` inside a CDK template literal is not nesting',
    write(dir) {
      put(dir, 'lib/stack.ts', `import * as lambda from 'aws-cdk-lib/aws-lambda';\nimport { Stack } from 'aws-cdk-lib';\nconst s = \`${'{'.repeat(300)}\`;\nexport class S extends Stack {\n  constructor(scope: any, id: string) {\n    super(scope, id);\n    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'handler.handler', code: lambda.Code.fromAsset('src') });\n  }\n}\n`);
      put(dir, 'src/handler.js', HANDLER);
    },
  },
  {
    name: 'oversize-serverless',
    what: 'serverless.yml padded past the size limit',
    write(dir, scale = 1) {
      put(dir, 'serverless.yml', `${slsFor()}# ${'x'.repeat(Math.round(6 * MB * scale))}\n`);
      put(dir, 'handler.js', HANDLER);
    },
  },
  {
    name: 'baseline-dev-zero',
    what: '--baseline is a link to /dev/zero',
    write(dir) {
      put(dir, 'serverless.yml', slsFor());
      put(dir, 'handler.js', HANDLER);
      symlinkSync('/dev/zero', join(dir, 'baseline.json'));
      return ['--baseline', 'baseline.json'];
    },
  },
  {
    name: 'baseline-fifo',
    what: '--baseline is a FIFO with no writer',
    write(dir) {
      put(dir, 'serverless.yml', slsFor());
      put(dir, 'handler.js', HANDLER);
      execFileSync('mkfifo', [join(dir, 'baseline.json')]);
      return ['--baseline', 'baseline.json'];
    },
  },
  {
    name: 'config-link-out',
    what: 'lambdalint.config.json links to /etc/passwd',
    write(dir) {
      put(dir, 'serverless.yml', slsFor());
      put(dir, 'handler.js', HANDLER);
      symlinkSync('/etc/passwd', join(dir, 'lambdalint.config.json'));
    },
  },
  {
    name: 'deep-json-config',
    what: 'lambdalint.config.json nested 100,000 levels',
    write(dir, scale = 1) {
      const depth = Math.round(100_000 * scale);
      put(dir, 'serverless.yml', slsFor());
      put(dir, 'handler.js', HANDLER);
      put(dir, 'lambdalint.config.json', `{"rules":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    },
  },
];

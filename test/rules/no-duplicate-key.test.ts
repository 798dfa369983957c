import rule from '../../rules/no-duplicate-key.js';
import { lambda, project, testConfigRule } from '../helpers/model-builder.js';
import { parseYaml } from '../../src/loaders/yaml-tree.js';
import { conflictingDuplicates } from '../../src/loaders/types.js';

/** The model's duplicate keys for a template text, as the loaders record them. */
const duplicatesOf = (text: string, file = 'template.yaml') => conflictingDuplicates(parseYaml(file, text).duplicateKeys);

testConfigRule(rule, {
  valid: [
    { name: 'no duplicates', model: project({ functions: [lambda('Fn', { line: 3 })], duplicateKeys: duplicatesOf('Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Timeout: 10\n') }) },
    {
      name: 'identical duplicates lose nothing (cfn-lint E0000 reports them; lambdalint does not)',
      model: project({ functions: [], duplicateKeys: duplicatesOf('Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: 256\n      MemorySize: 256\n') }),
    },
  ],
  invalid: [
    {
      name: 'Timeout 10 then Timeout 900: reported at the second, naming the first',
      model: project({ functions: [], duplicateKeys: duplicatesOf('Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Timeout: 10\n      MemorySize: 512\n      Timeout: 900\n') }),
      findings: [{ messageId: 'conflictingDuplicate', at: 'template.yaml:7', column: 7, includes: ["'Timeout'", 'template.yaml:5'] }],
    },
    {
      name: 'JSON template: a key twice with different values',
      model: project({ functions: [], duplicateKeys: duplicatesOf('{"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"MemorySize": 20480, "MemorySize": 1024}}}}', 'template.json') }),
      findings: [{ messageId: 'conflictingDuplicate', at: 'template.json:1' }],
    },
    {
      name: 'serverless.yml environment with the same name twice',
      model: project({ functions: [], duplicateKeys: duplicatesOf('functions:\n  f:\n    environment:\n      STAGE: prod\n      STAGE: dev\n', 'serverless.yml') }),
      findings: [{ messageId: 'conflictingDuplicate', at: 'serverless.yml:5', includes: ["'STAGE'", 'serverless.yml:4'] }],
    },
  ],
});

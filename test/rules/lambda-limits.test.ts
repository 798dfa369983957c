import rule from '../../rules/lambda-limits.js';
import { inherited, lambda, ref, testConfigRule, val } from '../helpers/model-builder.js';

const layers = (n: number, line: number) => Array.from({ length: n }, (_, i) => val<string>(`arn:aws:lambda:us-east-1:123456789012:layer:l${i}:1`, line + i));

testConfigRule(rule, {
  valid: [
    { name: 'defaults (128 MB, 3 s)', model: [lambda('Api', { line: 10 })] },
    { name: 'the bounds themselves: 128 MB, 10,240 MB, 1 s, 900 s', model: [lambda('A', { line: 10, memorySize: 128, timeout: 1 }), lambda('B', { line: 30, memorySize: 10240, timeout: 900 })] },
    { name: 'ephemeral storage 512 and 10,240 MB', model: [lambda('A', { line: 10, ephemeralStorageMb: val(512, 15) }), lambda('B', { line: 30, ephemeralStorageMb: val(10240, 35) })] },
    { name: 'references are unknown, not out of range', model: [lambda('A', { line: 10, memorySize: ref('!Ref Memory'), timeout: ref('var.timeout', 'tf-variable') })] },
    { name: 'exactly 5 layers', model: [lambda('A', { line: 10, layers: layers(5, 20) })] },
    { name: 'environment of 4,096 bytes (names + values)', model: [lambda('A', { line: 10, environment: { BIG: 'x'.repeat(4096 - 3) } })] },
    { name: 'environment of 4,095 UTF-8 bytes', model: [lambda('A', { line: 10, environment: { A: 'é'.repeat(2047) } })] },
    {
      name: 'large environment whose big value is a reference: only certain bytes count',
      model: [lambda('A', { line: 10, environment: { CERT: ref('{{resolve:ssm:/cert}}', 'ssm'), SMALL: 'x'.repeat(100) } })],
    },
  ],
  invalid: [
    {
      name: 'memory 64 MB (cfn-lint E3034-style range check): error at the MemorySize line',
      model: [lambda('Api', { line: 10, memorySize: 64 })],
      findings: [{ messageId: 'outOfRange', at: 'template.yaml:14', severity: 'error', functions: ['Api'], includes: ['Memory 64 MB', "'Api'", '128-10240 MB'] }],
    },
    { name: 'memory 10,241 MB', model: [lambda('Api', { line: 10, memorySize: 10241 })], findings: [{ messageId: 'outOfRange', at: 'template.yaml:14', includes: ['10241'] }] },
    {
      name: 'timeout above 900 s is an error here (and no longer in no-max-timeout)',
      severity: 'error',
      model: [lambda('Api', { line: 10, timeout: 1000 })],
      findings: [{ messageId: 'outOfRange', at: 'template.yaml:13', severity: 'error', includes: ['Timeout 1000 s', '1-900 s'] }],
    },
    { name: 'timeout 0 s', model: [lambda('Api', { line: 10, timeout: 0 })], findings: [{ messageId: 'outOfRange', at: 'template.yaml:13' }] },
    { name: 'ephemeral storage 256 MB', model: [lambda('Api', { line: 10, ephemeralStorageMb: val(256, 16) })], findings: [{ messageId: 'outOfRange', at: 'template.yaml:16', includes: ["Ephemeral storage (/tmp) 256 MB of function 'Api' is outside the 512-10240 MB"] }] },
    { name: 'ephemeral storage 20,480 MB', model: [lambda('Api', { line: 10, ephemeralStorageMb: val(20480, 16) })], findings: [{ messageId: 'outOfRange', at: 'template.yaml:16' }] },
    { name: 'six layers: reported at the sixth', model: [lambda('Api', { line: 10, layers: layers(6, 20) })], findings: [{ messageId: 'tooManyLayers', at: 'template.yaml:25', functions: ['Api'], includes: ["The layer list of function 'Api' has 6 layers, more than the 5"] }] },
    {
      name: 'environment over 4 KB',
      model: [lambda('Api', { line: 10, environment: { POLICY: 'x'.repeat(4000), OTHER: 'y'.repeat(200) } })],
      findings: [{ messageId: 'environmentTooLarge', at: 'template.yaml:10', includes: ['at least 4211 bytes'] }],
    },
    {
      name: 'Globals memory 20,000 shared by three functions: one finding naming them',
      model: [
        lambda('A', { line: 20, memorySize: inherited(20000, 5) }),
        lambda('B', { line: 30, memorySize: inherited(20000, 5) }),
        lambda('C', { line: 40, memorySize: inherited(20000, 5) }),
      ],
      findings: [{ messageId: 'outOfRange', at: 'template.yaml:5', functions: ['A', 'B', 'C'], includes: ['3 functions (A, B, C)'] }],
    },
    {
      name: 'Globals timeout shared by four functions: three named, then an ellipsis',
      model: ['A', 'B', 'C', 'D'].map((name, i) => lambda(name, { line: 20 + 10 * i, timeout: inherited(901, 6) })),
      findings: [{ messageId: 'outOfRange', at: 'template.yaml:6', functions: ['A', 'B', 'C', 'D'], includes: ['Timeout 901 s of 4 functions (A, B, C, ...) is outside the 1-900 s'] }],
    },
    {
      name: 'environment over 4 KB: reported at the Environment block, bytes counted in UTF-8',
      model: [{ ...lambda('Api', { line: 10, environment: { A: 'é'.repeat(2048) } }), environmentLoc: val('x', 15).loc }],
      findings: [{ messageId: 'environmentTooLarge', at: 'template.yaml:15', functions: ['Api'], includes: ["of function 'Api' take at least 4097 bytes"] }],
    },
    {
      name: 'serverless provider timeout 1200',
      model: [lambda('hello', { line: 30, file: 'serverless.yml', format: 'serverless', timeout: inherited(1200, 8, 'provider', 'serverless.yml') })],
      findings: [{ messageId: 'outOfRange', at: 'serverless.yml:8' }],
    },
  ],
});

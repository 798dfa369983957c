import type { Node } from 'web-tree-sitter';
import { compilePatterns } from '../../user-patterns.js';
import {
  classifyNamedSecret,
  createSecretNameClassifier,
  findAwsAccessKeyIds,
  findSecretAccessKeysInText,
  isAccessKeyIdName,
  isPlaceholder,
  isSecretAccessKeyName,
  looksLikeAwsAccessKeyId,
  looksLikeHardcodedSecretValue,
  looksLikeSecretAccessKey,
  maskSecret,
  pemPrivateKeyLabel,
} from '../../secret-patterns.js';
import { DYNAMIC, descendants, dictEntries, importBindings, keywordArguments, stringPattern, stringValue } from '../ast.js';
import { boundValues, isPythonTestFile, literalSources, stringLiterals } from './literals.js';
import type { PythonCheck, PythonCheckReport } from './types.js';

interface Options {
  ignore?: string[];
  testFiles?: 'all' | 'aws-keys' | 'off';
}

/** The same shapes, names and exceptions as the JavaScript rule (src/secret-patterns.ts), found in Python syntax. */
export const noHardcodedSecret: PythonCheck = {
  run(context) {
    const options = (context.options[0] ?? {}) as Options;
    const inTest = isPythonTestFile(context.file);
    const testFiles = options.testFiles ?? 'aws-keys';
    if (inTest && testFiles === 'off') return;
    const awsKeysOnly = inTest && testFiles === 'aws-keys';
    const ignore = compilePatterns(options.ignore ?? []);
    const bindings = importBindings(context.root);
    const reported = new Set<number>();

    const report = (node: Node, messageId: string, data: PythonCheckReport['data'], value: string): void => {
      if (reported.has(node.id) || ignore.some((re) => re.test(value))) return;
      reported.add(node.id);
      context.report({ messageId, node, data });
    };

    // `boto3.client(..., aws_access_key_id="AKIA...", aws_secret_access_key="...")`, and the same keys in a dict.
    const checkCredentials = (node: Node, pairs: Array<{ name: string; value: Node }>): void => {
      const keyId = pairs.find((p) => isAccessKeyIdName(p.name));
      const secret = pairs.find((p) => isSecretAccessKeyName(p.name));
      const keyIdValue = stringValue(keyId?.value);
      const secretValue = stringValue(secret?.value);
      if (!keyId || !secret || keyIdValue === undefined || secretValue === undefined) return;
      if (isPlaceholder(keyIdValue, { minLength: 4 }) || isPlaceholder(secretValue)) return;
      const awsShaped = looksLikeAwsAccessKeyId(keyIdValue) || looksLikeSecretAccessKey(secretValue);
      if (!awsShaped && (awsKeysOnly || !looksLikeHardcodedSecretValue(secretValue, 'secret'))) return;
      if (ignore.some((re) => re.test(keyIdValue) || re.test(secretValue))) return;
      report(node, 'literalCredentials', { masked: maskSecret(keyIdValue) }, keyIdValue);
      reported.add(keyId.value.id);
      reported.add(secret.value.id);
    };
    // Cheap filter first: most files pass no key pair.
    if (/access_?key/i.test(context.source)) {
      for (const node of descendants(context.root, ['call', 'dictionary'])) {
        if (!/access_?key/i.test(node.text)) continue;
        if (node.type === 'call') checkCredentials(node, keywordArguments(node));
        else checkCredentials(node, dictEntries(node).map((e) => ({ name: e.key, value: e.value })));
      }
    }

    // Secrets recognisable by their shape, wherever the string is.
    stringLiterals(context.root, (node) => {
      const raw = node.text;
      if (raw.length < 20 || !/A(?:KIA|SIA|BIA|CCA)|secret|PRIVATE KEY/i.test(raw)) return;
      const text = stringPattern(node);
      if (text === undefined || text.length < 20) return;
      const keyId = /A(?:KIA|SIA|BIA|CCA)/.test(text) ? findAwsAccessKeyIds(text)[0] : undefined;
      if (keyId !== undefined) {
        report(node, 'awsAccessKeyId', { masked: maskSecret(keyId) }, keyId);
        return;
      }
      const secretKey = /secret/i.test(text) ? findSecretAccessKeysInText(text.split(DYNAMIC).join(' '))[0] : undefined;
      if (secretKey !== undefined) {
        report(node, 'awsSecretAccessKey', { masked: maskSecret(secretKey) }, secretKey);
        return;
      }
      if (!awsKeysOnly && text.includes('PRIVATE KEY')) {
        const label = pemPrivateKeyLabel(text);
        if (label !== undefined) report(node, 'pemPrivateKey', { label }, text);
      }
    });

    // Names bound to secrets: `DB_PASSWORD = "..."`, `connect(password="...")`, `{"api_key": "..."}`.
    const kindOf = createSecretNameClassifier();
    boundValues(context.root, (name, value) => {
      const kind = kindOf(name);
      if (kind === null) return;
      for (const source of literalSources(value, bindings, false)) {
        if (reported.has(source.node.id)) continue;
        const found = classifyNamedSecret(name, kind, source.value, awsKeysOnly);
        if (found) report(source.node, found.messageId, found.messageId === 'hardcodedSecret' ? { name, masked: found.masked } : { masked: found.masked }, source.value);
      }
    });
  },
};

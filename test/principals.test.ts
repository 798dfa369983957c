import { describe, expect, it } from 'vitest';
import { canonicalPrincipal, principalService } from '../src/principals.js';

describe('principalService', () => {
  it.each([
    ['sns.amazonaws.com', 'sns'],
    ['sns.amazonaws.com.cn', 'sns'],
    ['sns.${AWS::URLSuffix}', 'sns'],
    ['events.${data.aws_partition.current.dns_suffix}', 'events'],
    ['cognito-idp.amazonaws.com', 'cognito-idp'],
    ['S3.AMAZONAWS.COM', 's3'],
  ])('%s is the service %s', (text, service) => {
    expect(principalService(text)).toBe(service);
  });
  it.each(['*', '123456789012', 'arn:aws:iam::123456789012:root', 'amazonaws.com'])('%s is no service principal', (text) => {
    expect(principalService(text)).toBeUndefined();
  });
  it('canonical form is the aws partition name', () => {
    expect(canonicalPrincipal('s3.amazonaws.com.cn')).toBe('s3.amazonaws.com');
    expect(canonicalPrincipal('*')).toBe('*');
  });
});

/** Where a value was written. `file` is relative to the analysis root, with `/` separators. */
export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * A value that cannot be known statically: `!Ref Param`, `${ssm:/x}`, `var.x`,
 * `props.timeout`. Rules treat it as "unknown", never as a guess.
 */
export interface Reference {
  kind: 'reference';
  /** The text as written, for messages: `!Ref TableName`, `${ssm:/db/password}`. */
  text: string;
  refType:
    | 'cfn-ref'
    | 'cfn-getatt'
    | 'cfn-sub'
    | 'cfn-import'
    | 'cfn-intrinsic'
    | 'cfn-parameter'
    | 'ssm'
    | 'secretsmanager'
    | 'serverless-variable'
    | 'tf-variable'
    | 'tf-expression'
    | 'cdk-expression'
    | 'unknown';
  /** A CloudFormation parameter declared with `NoEcho: true`. */
  noEcho?: boolean;
}

export type Scalar = string | number | boolean;

/** A value with the place that set it. `isDefault` marks values AWS applies when nothing is set. */
export interface Located<T> {
  value: T | Reference;
  loc: SourceLocation;
  isDefault?: boolean;
  /** Set when the value was inherited (SAM `Globals`, serverless `provider`). */
  inheritedFrom?: 'globals' | 'provider';
}

export function isReference(value: unknown): value is Reference {
  return typeof value === 'object' && value !== null && (value as Reference).kind === 'reference';
}

/** The literal value, or undefined for references. */
export function literal<T>(located: Located<T> | undefined): T | undefined {
  if (!located || isReference(located.value)) return undefined;
  return located.value;
}

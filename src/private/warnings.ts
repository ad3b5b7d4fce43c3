import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';
import { FindingCode } from '../core/findings';

/**
 * Reports a legal but risky setup as a warning with a stable id, `[binauthz:CODE] message`, from the
 * vocabulary the command line's lint codes use, so that users can find and filter them (as aws-cdk's
 * `addWarningV2` does; cdktf's annotations carry no id of their own).
 */
export function addWarning(scope: IConstruct, code: FindingCode, message: string): void {
  Annotations.of(scope).addWarning(`[${warningId(code)}] ${message}`);
}

/** The id of a warning: `binauthz:CODE`. */
export function warningId(code: FindingCode): string {
  return `binauthz:${code}`;
}

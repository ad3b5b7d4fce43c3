import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AnnotationMetadataEntryType, App, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';

/** A stack with a Google provider (cdktf's validations require one), in a testing app. */
export function newStack(app: App = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, 'stack');
  new GoogleProvider(stack, 'google', { project: 'my-project' });
  return stack;
}

/** The synthesized Terraform JSON (aspects run, validations do not). */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** One resource's synthesized attributes. */
export function resourceOf(json: any, type: string, name: string): any {
  const attributes = json.resource?.[type]?.[name];
  if (attributes === undefined) {
    throw new Error(`no ${type}.${name} in ${JSON.stringify(Object.keys(json.resource ?? {}))}`);
  }
  return attributes;
}

/** The messages of the annotations of one level on a construct. */
export function annotationsOf(construct: IConstruct, level: AnnotationMetadataEntryType): string[] {
  return construct.node.metadata.filter((m) => m.type === level).map((m) => m.data as string);
}

/** The error annotations on a construct. */
export function errorsOf(construct: IConstruct): string[] {
  return annotationsOf(construct, AnnotationMetadataEntryType.ERROR);
}

/** The warning annotations on a construct. */
export function warningsOf(construct: IConstruct): string[] {
  return annotationsOf(construct, AnnotationMetadataEntryType.WARN);
}

/** The allowlist patterns of the (only) policy in the synthesized JSON. */
export function policyPatterns(json: any): string[] {
  const policies = Object.values(json.resource?.google_binary_authorization_policy ?? {}) as any[];
  if (policies.length !== 1) {
    throw new Error(`expected one policy, found ${policies.length}`);
  }
  return (policies[0].admission_whitelist_patterns ?? []).map((p: any) => p.name_pattern);
}

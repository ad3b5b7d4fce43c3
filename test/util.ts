import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';

/** A stack with a Google provider, as `Testing.synth(stack, true)` needs one. */
export function givenStack(app: App = Testing.app(), id = 'stack'): TerraformStack {
  const stack = new TerraformStack(app, id);
  new GoogleProvider(stack, 'google', {});
  return stack;
}

/** The synthesized Terraform JSON of a stack, validations run, parsed. */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

/** The bodies of the resources of one type, in document order. */
export function resources(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

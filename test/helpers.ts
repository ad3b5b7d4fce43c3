// The types of cdktf's jest matchers (Testing.setupJest() in test/setup.ts installs them).
import 'cdktf/lib/testing/adapters/jest';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';

/** A stack with a Google provider, as `Testing.synth(stack, true)` needs. */
export function newStack(name = 'security', app: App = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, name);
  new GoogleProvider(stack, 'google', { project: 'provider-default-project' });
  return stack;
}

/** The synthesized Terraform JSON of a stack, validations included. */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

/** The resources (or data sources) of one type, by logical id. */
export function resourcesOf(json: any, type: string, kind: 'resource' | 'data' = 'resource'): Record<string, any> {
  return json[kind]?.[type] ?? {};
}

/** The single resource of a type; fails if there is not exactly one. */
export function onlyResource(json: any, type: string, kind: 'resource' | 'data' = 'resource'): any {
  const all = Object.values(resourcesOf(json, type, kind));
  if (all.length !== 1) {
    throw new Error(`expected one ${type}, found ${all.length}`);
  }
  return all[0];
}

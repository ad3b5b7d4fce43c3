// The types of cdktf's jest matchers (Testing.setupJest() in test/setup.ts installs them).
import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, Testing } from 'cdktf';
import { givenStack } from './util';

export { synthJson } from './util';

/** A stack of its own app, with a Google provider. */
export function newStack(name = 'security'): TerraformStack {
  return givenStack(Testing.app(), name);
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

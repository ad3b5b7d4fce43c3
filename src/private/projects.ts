import { TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { terraformAttributes } from './cloud-run-resource';

/** The project of the provider that deploys a resource, when that provider sets one. */
export type ProviderProjectOf = (resource: TerraformResource) => string | undefined;

/**
 * A lookup of the `project` of the provider that deploys a resource: the resource's `provider`, or its
 * stack's google provider without alias (the one Terraform uses for resources that name none);
 * `undefined` when that provider sets no project (it then reads one from its environment, which synth
 * cannot see).
 *
 * One walk of each stack for its default provider, and one read of each provider's project, however many
 * resources rely on them (a walk per resource made discovery quadratic in the stack's size).
 */
export function providerProjects(): ProviderProjectOf {
  const defaultProviders = new Map<TerraformStack, TerraformProvider | undefined>();
  const projects = new Map<TerraformProvider, string | undefined>();
  return (resource) => {
    let provider = resource.provider;
    if (provider === undefined) {
      const stack = TerraformStack.of(resource);
      if (!defaultProviders.has(stack)) {
        defaultProviders.set(stack, defaultGoogleProvider(stack));
      }
      provider = defaultProviders.get(stack);
    }
    if (provider === undefined) {
      return undefined;
    }
    if (!projects.has(provider)) {
      const project = terraformAttributes(provider).project;
      projects.set(provider, typeof project === 'string' ? project : undefined);
    }
    return projects.get(provider);
  };
}

/** The stack's google provider without alias. */
function defaultGoogleProvider(stack: TerraformStack): TerraformProvider | undefined {
  return stack.node
    .findAll()
    .find(
      (c): c is TerraformProvider =>
        TerraformProvider.isTerraformProvider(c) &&
        c.terraformResourceType === 'google' &&
        c.alias === undefined &&
        TerraformStack.of(c) === stack,
    );
}

import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { idPart } from './ids';

/** The API Binary Authorization policies and attestors are served by. */
export const BINAUTHZ_API = 'binaryauthorization.googleapis.com';
/** The API that stores notes and attestations (Artifact Analysis, formerly Container Analysis). */
export const CONTAINER_ANALYSIS_API = 'containeranalysis.googleapis.com';
/** The API of Cloud KMS keys. */
export const CLOUD_KMS_API = 'cloudkms.googleapis.com';

/**
 * The `google_project_service` resources that enable `apis` in `project`, one per API, for resources to
 * depend on.
 *
 * Each project+API is enabled once per stack: a `ProjectService` already in the stack for the same
 * literal project and service (created by this function or by the user) is reused, and once found or
 * created, the same one is returned for that project and API from then on. New ones are created
 * at the stack's top level, with the id `ProjectService-PROJECT-API`, so that they do not belong to (and
 * are not destroyed with) whichever construct asked first. They keep `disable_on_destroy = false`:
 * destroying this stack must never switch off an API that other workloads of the project use.
 */
export function enableProjectServices(scope: IConstruct, project: string, apis: string[]): ProjectService[] {
  const stack = TerraformStack.of(scope);
  const known = KNOWN.get(stack) ?? new Map<string, ProjectService>();
  KNOWN.set(stack, known);
  return apis.map((api) => {
    // Neither project ids (nor the token strings that stand for them) nor API names hold a space.
    const key = `${project} ${api}`;
    const cached = known.get(key);
    if (cached !== undefined && isStillIn(stack, cached)) {
      return cached;
    }
    const service = findProjectService(stack, project, api) ?? newProjectService(stack, project, api);
    known.set(key, service);
    return service;
  });
}

/**
 * The `ProjectService` found or created for each project and API, per stack: walking the whole stack
 * for every attestor made defining N attestors quadratic in N. A project and API seen for the first
 * time are still looked up in the whole stack, so a `ProjectService` the user defined before is reused.
 */
const KNOWN = new WeakMap<TerraformStack, Map<string, ProjectService>>();

/** Whether `c` is still in the tree under `stack` (constructs can be removed with `tryRemoveChild`). */
function isStillIn(stack: IConstruct, c: IConstruct): boolean {
  for (let node = c; node !== stack;) {
    const parent = node.node.scope;
    if (parent === undefined || parent.node.tryFindChild(node.node.id) !== node) {
      return false;
    }
    node = parent;
  }
  return true;
}

function findProjectService(stack: TerraformStack, project: string, api: string): ProjectService | undefined {
  return stack.node
    .findAll()
    .find(
      (c): c is ProjectService =>
        c instanceof ProjectService &&
        TerraformStack.of(c) === stack &&
        c.projectInput === project &&
        c.serviceInput === api,
    );
}

function newProjectService(stack: Construct, project: string, api: string): ProjectService {
  return new ProjectService(stack, `ProjectService-${idPart(stack, project)}-${api}`, {
    project,
    service: api,
    disableOnDestroy: false,
    disableDependentServices: false,
  });
}

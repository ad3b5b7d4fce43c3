/**
 * Google Cloud names used by Binary Authorization: project ids, regions, attestors, notes.
 *
 * Each `check*` function returns `undefined` when the value is valid, or a problem sentence that says
 * what the value must look like (without the value itself: the caller adds where it came from).
 * Framework-free: callers skip these checks for unresolved tokens.
 */

/** A project id: 6 to 30 characters, lowercase letters, digits and hyphens, starting with a letter. */
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** A domain-scoped project id such as `example.com:my-project` (legacy Google Workspace projects). */
const DOMAIN_SCOPED_PROJECT_ID = /^([a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+):([a-z][a-z0-9-]{0,61}[a-z0-9])$/;
/** A Google Cloud region such as `us-central1`, `europe-west10` or `northamerica-northeast1`. */
const REGION = /^[a-z]+(-[a-z]+)+[0-9]{1,2}$/;
/**
 * Attestor and note ids. Google documents no pattern or length for either (UNCONFIRMED): the Container
 * Analysis REST reference says only "Required. The ID to use for this note." of `projects.notes.create`
 * `noteId`, the provider's `google_container_analysis_note.name` "The name of the note." with no
 * validation, and the same holds for attestors. We accept the conservative intersection of Google's
 * resource-id conventions: letters, digits, `-` and `_`, starting with a letter or digit, at most 100
 * characters (which the fabric module's `<attestor>-note` and `qa_2` fit).
 */
const RESOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
/** A GKE cluster key of a cluster-specific rule: `LOCATION.CLUSTER_ID`, the location a region or a zone. */
const CLUSTER_KEY = /^[a-z]+(-[a-z]+)+[0-9]{1,2}(-[a-z])?\.[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
/** The parent of an organization policy. */
const ORG_POLICY_PARENT = /^(projects\/([^/]+)|folders\/[0-9]+|organizations\/[0-9]+)$/;
const ATTESTOR_RESOURCE_NAME = /^projects\/([^/]+)\/attestors\/([^/]+)$/;
const NOTE_RESOURCE_NAME = /^projects\/([^/]+)\/notes\/([^/]+)$/;

/** A project id, or a domain-scoped project id such as `example.com:my-project`. */
export function checkProjectId(project: string): string | undefined {
  if (PROJECT_ID.test(project) || DOMAIN_SCOPED_PROJECT_ID.test(project)) {
    return undefined;
  }
  return 'a project id has 6 to 30 lowercase letters, digits or hyphens, starts with a letter and does not end with a hyphen (or is domain-scoped, like "example.com:my-project")';
}

/** A region such as `us-central1`. */
export function checkRegion(region: string): string | undefined {
  return REGION.test(region) ? undefined : 'a region looks like "us-central1" or "europe-west4"';
}

/** The multi-regions of Artifact Registry, where a repository may also be (`us-docker.pkg.dev`). */
const ARTIFACT_REGISTRY_MULTI_REGIONS: readonly string[] = ['us', 'europe', 'asia'];

/**
 * The location of an Artifact Registry repository: a region such as `us-central1`, or a multi-region,
 * `us`, `europe` or `asia` (Artifact Registry, "Repository locations").
 */
export function checkRepositoryLocation(location: string): string | undefined {
  return checkRegion(location) === undefined || ARTIFACT_REGISTRY_MULTI_REGIONS.includes(location)
    ? undefined
    : 'an Artifact Registry location is a region like "us-central1" or a multi-region, "us", "europe" or "asia"';
}

/** A short attestor or note id (the last segment of its resource name). */
export function checkResourceId(id: string): string | undefined {
  return RESOURCE_ID.test(id)
    ? undefined
    : 'an id has 1 to 100 letters, digits, hyphens or underscores and starts with a letter or digit';
}

/** The human-readable name of a note (`attestation_authority.hint.human_readable_name`): any text but blank. */
export function checkNoteHint(hint: string): string | undefined {
  return hint.trim() === '' ? 'a note hint is a human-readable name, such as "Attestor qa note", not blank' : undefined;
}

/**
 * Free text that is written into the Terraform JSON as it is (a description, a note hint): without `${`
 * or `%{`, which Terraform would evaluate as an interpolation or a template directive (`${file("…")}`
 * reads a file of the machine that plans). Terraform's escapes, `$${` and `%%{`, are the text `${` and
 * `%{`, so they are accepted (`escapeTerraformText` writes them).
 */
export function checkFreeText(text: string): string | undefined {
  return /\$\{|%\{/.test(text.replace(/\$\$\{|%%\{/g, ''))
    ? 'free text must not contain "${" or "%{", which Terraform would evaluate (an interpolation or a template directive); write "$${" or "%%{" for the characters themselves, or pass a token (such as a TerraformVariable\'s value) for a value known at apply time'
    : undefined;
}

/**
 * Text as Terraform must be given it to read it as that text: `${` written `$${`, `%{` written `%%{`
 * (Terraform's template escapes). What `checkFreeText` accepts for the text itself.
 */
export function escapeTerraformText(text: string): string {
  return text.replace(/\$\{/g, '$$${').replace(/%\{/g, '%%{');
}

/** The key of a cluster-specific admission rule, `LOCATION.CLUSTER_ID`, such as `us-central1-a.prod-cluster`. */
export function checkClusterKey(key: string): string | undefined {
  return CLUSTER_KEY.test(key)
    ? undefined
    : 'a cluster key is "LOCATION.CLUSTER_ID", a region or zone and a GKE cluster name, like "us-central1-a.prod-cluster"';
}

/** The parent of an organization policy: `projects/PROJECT_ID`, `folders/NUMBER` or `organizations/NUMBER`. */
export function checkOrgPolicyParent(parent: string): string | undefined {
  const match = ORG_POLICY_PARENT.exec(parent);
  const project = match?.[2];
  if (match && (project === undefined || /^[0-9]+$/.test(project) || checkProjectId(project) === undefined)) {
    return undefined;
  }
  return 'a parent is "projects/PROJECT_ID" (or its number), "folders/FOLDER_NUMBER" or "organizations/ORGANIZATION_NUMBER"';
}

/** The parts of a full resource name `projects/P/<collection>/N`. */
export interface ResourceName {
  /** The project id. */
  readonly project: string;
  /** The short id within the project. */
  readonly id: string;
}

/** Parses `projects/P/attestors/N`; throws with the reason when it is not one. */
export function parseAttestorName(name: string): ResourceName {
  return parseResourceName(name, ATTESTOR_RESOURCE_NAME, 'projects/PROJECT_ID/attestors/ATTESTOR_ID');
}

/** A full attestor name `projects/P/attestors/N`: `undefined` when it is one, the reason otherwise. */
export function checkAttestorName(name: string): string | undefined {
  try {
    parseAttestorName(name);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Parses `projects/P/notes/N`; throws with the reason when it is not one. */
export function parseNoteName(name: string): ResourceName {
  return parseResourceName(name, NOTE_RESOURCE_NAME, 'projects/PROJECT_ID/notes/NOTE_ID');
}

/** `projects/P/attestors/N`. */
export function attestorResourceName(project: string, id: string): string {
  return `projects/${project}/attestors/${id}`;
}

/** `projects/P/notes/N`. */
export function noteResourceName(project: string, id: string): string {
  return `projects/${project}/notes/${id}`;
}

/**
 * The path form of a project id inside Artifact Registry and Container Registry image names:
 * a domain-scoped id `example.com:my-project` appears as `example.com/my-project`.
 */
export function projectImagePath(project: string): string {
  return project.replace(':', '/');
}

function parseResourceName(name: string, pattern: RegExp, form: string): ResourceName {
  const match = pattern.exec(name);
  if (!match) {
    throw new Error(`a full resource name looks like "${form}"`);
  }
  const [, project, id] = match;
  const problem = checkProjectId(project) ?? checkResourceId(id);
  if (problem) {
    throw new Error(`a full resource name looks like "${form}": ${problem}`);
  }
  return { project, id };
}

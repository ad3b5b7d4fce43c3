/**
 * IAM principals ("members") as `*_iam_member` resources take them, and the Binary Authorization
 * service agent of a project.
 *
 * Each `check*` function returns `undefined` when the value is valid, or a problem sentence.
 * Framework-free: callers skip these checks for unresolved tokens.
 */
import { checkProjectId } from './names';

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const DOMAIN = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const PROJECT_NUMBER = /^[1-9][0-9]{0,19}$/;

/** The member kinds an `email` is given for. */
const EMAIL_KINDS = ['user', 'serviceAccount', 'group'];

/** An email address. */
export function checkEmail(email: string): string | undefined {
  return EMAIL.test(email) ? undefined : 'an email looks like "name@example.com"';
}

/**
 * Members that stand for everyone, or for anyone who signs up: `allUsers`, `allAuthenticatedUsers`, the
 * principal set `principalSet://goog/public:all`, and the consumer Google account domains (every Gmail
 * user). Compared without regard to case, so that no spelling slips through.
 */
const PUBLIC_MEMBERS: readonly string[] = [
  'allusers',
  'allauthenticatedusers',
  'principalset://goog/public:all',
  'domain:gmail.com',
  'domain:googlemail.com',
];

/** Whether a member stands for everyone, or anyone who signs up (`PUBLIC_MEMBERS`). */
export function isPublicMember(member: string): boolean {
  return PUBLIC_MEMBERS.includes(member.trim().toLowerCase());
}

/**
 * An IAM member: `user:EMAIL`, `serviceAccount:EMAIL`, `group:EMAIL`, `domain:DOMAIN`,
 * `principal://…` or `principalSet://…`. Public members (`allUsers`, `allAuthenticatedUsers`,
 * `principalSet://goog/public:all`, `domain:gmail.com`) are refused: attestor, note and signing-key roles
 * granted to everyone are never least privilege.
 */
export function checkIamMember(member: string): string | undefined {
  const forms =
    'a member looks like "serviceAccount:ci@my-project.iam.gserviceaccount.com", "group:team@example.com", "user:me@example.com", "domain:example.com" or "principal://…"';
  if (isPublicMember(member)) {
    return `this member stands for everyone, and granting Binary Authorization roles to everyone defeats them; name the principals that need the role (${forms})`;
  }
  const colon = member.indexOf(':');
  if (colon < 0) {
    return forms;
  }
  const kind = member.slice(0, colon);
  const rest = member.slice(colon + 1);
  if (EMAIL_KINDS.includes(kind)) {
    return checkEmail(rest) === undefined ? undefined : `${kind}: needs an email; ${forms}`;
  }
  if (kind === 'domain') {
    return DOMAIN.test(rest) ? undefined : `domain: needs a domain such as "example.com"; ${forms}`;
  }
  if (kind === 'principal' || kind === 'principalSet') {
    return /^\/\/[^\s]+$/.test(rest)
      ? undefined
      : `${kind}: needs an identifier such as "//iam.googleapis.com/…"; ${forms}`;
  }
  return forms;
}

/** A predefined role `roles/NAME`. */
const PREDEFINED_ROLE = /^roles\/[A-Za-z0-9_.]+$/;
/** A custom role `projects/PROJECT_ID/roles/NAME` or `organizations/NUMBER/roles/NAME`. */
const CUSTOM_ROLE = /^(projects\/([^/]+)|organizations\/[0-9]+)\/roles\/[A-Za-z0-9_.]{3,64}$/;

/** An IAM role: `roles/NAME`, `projects/PROJECT_ID/roles/NAME` or `organizations/NUMBER/roles/NAME`. */
export function checkRole(role: string): string | undefined {
  const custom = CUSTOM_ROLE.exec(role);
  if (PREDEFINED_ROLE.test(role) || (custom && (custom[2] === undefined || checkProjectId(custom[2]) === undefined))) {
    return undefined;
  }
  return 'a role looks like "roles/binaryauthorization.attestorsViewer", "projects/PROJECT_ID/roles/NAME" or "organizations/ORGANIZATION_NUMBER/roles/NAME"';
}

/** A project number: the digits Google assigns a project (not its id). */
export function checkProjectNumber(projectNumber: string): string | undefined {
  return PROJECT_NUMBER.test(projectNumber)
    ? undefined
    : 'a project number is all digits, such as "123456789012" ("gcloud projects describe PROJECT_ID --format=value(projectNumber)"); it is not the project id';
}

/** The email of a project's Binary Authorization service agent. */
export function binauthzServiceAgent(projectNumber: string): string {
  return `service-${projectNumber}@gcp-sa-binaryauthorization.iam.gserviceaccount.com`;
}

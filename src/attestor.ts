import { BinaryAuthorizationAttestor } from '@cdktf/provider-google/lib/binary-authorization-attestor';
import { BinaryAuthorizationAttestorIamMember } from '@cdktf/provider-google/lib/binary-authorization-attestor-iam-member';
import { ContainerAnalysisNote } from '@cdktf/provider-google/lib/container-analysis-note';
import { ContainerAnalysisNoteIamMember } from '@cdktf/provider-google/lib/container-analysis-note-iam-member';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { AttestorKey } from './attestor-key';
import { deriveResourceId } from './core/derived-names';
import { binauthzServiceAgent, checkIamMember, checkProjectNumber, checkRole } from './core/iam';
import {
  attestorResourceName,
  checkProjectId,
  checkResourceId,
  noteResourceName,
  parseAttestorName,
  parseNoteName,
  ResourceName,
} from './core/names';
import { IamMember } from './iam-member';
import { checkAspectPlacement } from './private/aspect-placement';
import {
  childPath,
  checkLiteral,
  describeKind,
  invalidProp,
  parseProp,
  requireArray,
  requireObject,
  requireOptionalBoolean,
  requireOptionalString,
  requireString,
  Undisclosed,
} from './private/errors';
import { idPart } from './private/ids';
import { BINAUTHZ_API, CLOUD_KMS_API, CONTAINER_ANALYSIS_API, enableProjectServices } from './private/project-services';

/** May read attestors and verify that an image is attested (what a deploying project needs). */
const ATTESTORS_VERIFIER = 'roles/binaryauthorization.attestorsVerifier';
/** May read attestors (what a policy author needs in the attestor project). */
const ATTESTORS_VIEWER = 'roles/binaryauthorization.attestorsViewer';
/** May attach occurrences (attestations) to a note: the signer's role on the note. */
const NOTES_ATTACHER = 'roles/containeranalysis.notes.attacher';
/** May read a note's occurrences: what verification needs on the note. */
const NOTES_OCCURRENCES_VIEWER = 'roles/containeranalysis.notes.occurrences.viewer';
/** May sign with (and verify with) a KMS key: the signer's role on the key. */
const KMS_SIGNER_VERIFIER = 'roles/cloudkms.signerVerifier';

/** The attestor that Cloud Build creates in a project that builds with it. */
const BUILT_BY_CLOUD_BUILD = 'built-by-cloud-build';

/**
 * A Binary Authorization attestor, created in this app or referenced.
 *
 * Separation of duties: an attestor (with its note and signing keys) lives in a security project. The
 * signer (a CI service account) may attach attestations to the note and sign with the key
 * (`grantSign`); the projects that deploy only verify (`grantVerify`, `allowDeployerProject`); nobody
 * that deploys can sign.
 */
export interface IAttestor extends IConstruct {
  /**
   * The attestor's full resource name, `projects/PROJECT_ID/attestors/ATTESTOR_ID`: the form policies
   * must use, since short names are resolved against the policy's own project.
   * @attribute
   */
  readonly attestorId: string;

  /**
   * The attestor's short id, the last segment of `attestorId`.
   * @attribute
   */
  readonly attestorName: string;

  /**
   * The project that holds the attestor.
   * @attribute
   */
  readonly attestorProject: string;

  /**
   * Grants `role` on the attestor to `member`, additively (`google_binary_authorization_attestor_iam_member`).
   * Granting the same role to the same member again returns the first grant.
   */
  grant(member: IamMember, role: string): ITerraformDependable;

  /**
   * Lets `member` read the attestor (`roles/binaryauthorization.attestorsViewer`), as whoever writes a
   * policy that requires it needs.
   */
  grantView(member: IamMember): ITerraformDependable;

  /**
   * Lets `member` verify attestations of this attestor (`roles/binaryauthorization.attestorsVerifier`
   * on the attestor).
   */
  grantVerify(member: IamMember): ITerraformDependable;

  /**
   * Lets `member` create attestations: `roles/containeranalysis.notes.attacher` on the attestor's note,
   * plus `roles/cloudkms.signerVerifier` on each KMS key created for the attestor. The member still
   * needs `roles/containeranalysis.occurrences.editor` in the project that stores the attestations.
   *
   * Throws for a referenced attestor whose note is unknown (see `Attestor.fromAttestorAttributes`).
   */
  grantSign(member: IamMember): ITerraformDependable[];

  /**
   * Lets a project whose policy requires this attestor verify its attestations across projects: its
   * Binary Authorization service agent, `service-PROJECT_NUMBER@gcp-sa-binaryauthorization.iam.gserviceaccount.com`,
   * gets `roles/binaryauthorization.attestorsVerifier` on the attestor and
   * `roles/containeranalysis.notes.occurrences.viewer` on the note.
   *
   * Throws for a referenced attestor whose note is unknown (see `Attestor.fromAttestorAttributes`).
   *
   * @param projectNumber the deployer project's number (digits, not its id)
   * @see https://cloud.google.com/binary-authorization/docs/multi-project-setup-cli
   */
  allowDeployerProject(projectNumber: string): ITerraformDependable[];
}

/** Where a note is: its project and short id, as `*_iam_member` resources take them. */
interface NoteTarget {
  readonly project: string;
  readonly note: string;
}

/**
 * What every attestor, created or referenced, has in common: its name and the grants.
 */
abstract class AttestorBase extends Construct implements IAttestor {
  public abstract readonly attestorName: string;
  public abstract readonly attestorProject: string;

  public get attestorId(): string {
    return attestorResourceName(this.attestorProject, this.attestorName);
  }

  public grant(member: IamMember, role: string): ITerraformDependable {
    checkMember(this, member);
    checkLiteral(this, 'role', role, checkRole);
    return this.grantOnce(
      grantId(this, 'Attestor', role, member),
      (id) =>
        new BinaryAuthorizationAttestorIamMember(this, id, {
          project: this.attestorProject,
          attestor: this._attestorReference(),
          role,
          member: member.member,
        }),
    );
  }

  public grantView(member: IamMember): ITerraformDependable {
    return this.grant(member, ATTESTORS_VIEWER);
  }

  public grantVerify(member: IamMember): ITerraformDependable {
    return this.grant(member, ATTESTORS_VERIFIER);
  }

  public grantSign(member: IamMember): ITerraformDependable[] {
    checkMember(this, member);
    const note = this.requireNote('grantSign');
    return [
      this.grantOnNote(note, member, NOTES_ATTACHER),
      ...this._signingKeys().map((key) =>
        this.grantOnce(
          grantId(this, key.node.id, KMS_SIGNER_VERIFIER, member),
          (id) =>
            new KmsCryptoKeyIamMember(this, id, {
              cryptoKeyId: key.id,
              role: KMS_SIGNER_VERIFIER,
              member: member.member,
            }),
        ),
      ),
    ];
  }

  public allowDeployerProject(projectNumber: string): ITerraformDependable[] {
    checkLiteral(this, 'projectNumber', projectNumber, checkProjectNumber);
    const note = this.requireNote('allowDeployerProject');
    const agent = IamMember.serviceAccount(binauthzServiceAgent(projectNumber));
    return [this.grantVerify(agent), this.grantOnNote(note, agent, NOTES_OCCURRENCES_VIEWER)];
  }

  /**
   * The attestor's name as grants reference it (a reference to the resource when it is created here).
   * @internal
   */
  protected abstract _attestorReference(): string;

  /**
   * The attestor's note, when known.
   * @internal
   */
  protected abstract _noteTarget(): NoteTarget | undefined;

  /**
   * Why the note is unknown, for the error of note grants.
   * @internal
   */
  protected _unknownNoteReason(): string {
    return 'the note of a referenced attestor is unknown; reference the attestor with Attestor.fromAttestorAttributes(scope, id, { attestorId, noteId: "projects/P/notes/N" })';
  }

  /**
   * The KMS keys created for this attestor.
   * @internal
   */
  protected _signingKeys(): KmsCryptoKey[] {
    return [];
  }

  private requireNote(method: string): NoteTarget {
    const note = this._noteTarget();
    if (note === undefined) {
      throw invalidProp(this, 'note', undefined, `${method} needs the attestor's note: ${this._unknownNoteReason()}`);
    }
    return note;
  }

  private grantOnNote(note: NoteTarget, member: IamMember, role: string): ITerraformDependable {
    return this.grantOnce(
      grantId(this, 'Note', role, member),
      (id) =>
        new ContainerAnalysisNoteIamMember(this, id, {
          project: note.project,
          note: note.note,
          role,
          member: member.member,
        }),
    );
  }

  /** One resource per id: granting the same role to the same member twice returns the first grant. */
  private grantOnce(id: string, create: (id: string) => ITerraformDependable & IConstruct): ITerraformDependable {
    const existing = this.node.tryFindChild(id);
    return existing ? (existing as unknown as ITerraformDependable) : create(id);
  }
}

/**
 * Refuses a member that is not an `IamMember` with a valid member string: a JavaScript caller may pass a
 * plain string or an object of its own making, which must not bypass the checks of `IamMember`.
 */
function checkMember(scope: IConstruct, member: unknown): asserts member is IamMember {
  const value = (member as { member?: unknown } | undefined)?.member;
  if (typeof member !== 'object' || member === null || typeof value !== 'string') {
    throw invalidProp(
      scope,
      'member',
      member,
      'expected an IamMember, such as IamMember.serviceAccount("ci@my-project.iam.gserviceaccount.com")',
    );
  }
  checkLiteral(scope, 'member', value, checkIamMember);
}

/** A stable child id for a grant, derived from what is granted (never a counter). */
function grantId(scope: IConstruct, target: string, role: string, member: IamMember): string {
  return `Iam-${target}-${idPart(scope, role.replace(/^roles\//, ''))}-${idPart(scope, member.member)}`;
}

/**
 * Properties of an `Attestor`.
 */
export interface AttestorProps {
  /**
   * The project that holds the attestor (and its note, unless `note` names one elsewhere). For
   * separation of duties, a security project that no deployer administers.
   */
  readonly project: string;

  /**
   * The attestor's short id. Changing it replaces the attestor.
   * @default - derived from the construct path: lowercase letters, digits and hyphens, at most 63 characters
   */
  readonly attestorName?: string;

  /**
   * A description of the attestor.
   * @default - no description
   */
  readonly description?: string;

  /**
   * An existing Artifact Analysis note of kind `ATTESTATION_AUTHORITY` to store attestations under, as
   * its full name `projects/PROJECT_ID/notes/NOTE_ID` (it may be in another project). The attestor's
   * delegation service account is granted `roles/containeranalysis.notes.occurrences.viewer` on it, so
   * whoever applies this stack must be allowed to set the note's IAM policy.
   * @default - a note is created in `project`, named after the attestor with a `-note` suffix
   */
  readonly note?: string;

  /**
   * The public keys that verify the attestor's attestations: at least one. An attestation signed by
   * any of them is accepted, so several keys allow rotation.
   */
  readonly keys: AttestorKey[];

  /**
   * Whether to enable the APIs the attestor needs (`google_project_service` for
   * `binaryauthorization.googleapis.com` and `containeranalysis.googleapis.com` in `project`, and
   * `cloudkms.googleapis.com` where a KMS key is created), with `disable_on_destroy = false`. An API
   * already enabled by another construct of the stack is reused.
   * @default false
   */
  readonly enableApis?: boolean;
}

/**
 * Attributes of an existing attestor, for `Attestor.fromAttestorAttributes`.
 */
export interface AttestorAttributes {
  /**
   * The attestor's full resource name, `projects/PROJECT_ID/attestors/ATTESTOR_ID`, known at synth time.
   */
  readonly attestorId: string;

  /**
   * The attestor's note, `projects/PROJECT_ID/notes/NOTE_ID`, which `grantSign` and
   * `allowDeployerProject` grant on.
   * @default - unknown: `grantSign` and `allowDeployerProject` throw
   */
  readonly noteId?: string;
}

/**
 * Defines a Binary Authorization attestor: an Artifact Analysis note (kind `ATTESTATION_AUTHORITY`) that
 * holds the attestations, and the attestor that names the note and the public keys that verify them.
 *
 * Separation of duties: create the attestor, its note and its KMS keys in a security project. Signers
 * get `grantSign` (attach to the note, sign with the key); each project that deploys and requires the
 * attestor in its policy gets `allowDeployerProject` (verify only). Policies reference the attestor by its
 * full name `attestorId`, so the attestor may live in another project than the policy.
 *
 * The attestor's own delegation service account (`delegation_service_account_email`) is granted
 * `roles/containeranalysis.notes.occurrences.viewer` on the note, as the API asks attestor administrators to.
 *
 * @see https://cloud.google.com/binary-authorization/docs/key-concepts#attestors
 */
export class Attestor extends AttestorBase {
  /**
   * References an existing attestor by its full resource name, `projects/PROJECT_ID/attestors/ATTESTOR_ID`
   * (in this project or another one). Nothing is created. Its note is unknown, so only the grants on the
   * attestor itself work; use `fromAttestorAttributes` to grant on the note too.
   *
   * @param attestorId the full resource name; it must be known at synth time
   */
  public static fromAttestorName(scope: Construct, id: string, attestorId: string): IAttestor {
    return Attestor.fromAttestorAttributes(scope, id, { attestorId });
  }

  /**
   * References an existing attestor and, optionally, its note. Nothing is created; all grants work when
   * the note is given.
   */
  public static fromAttestorAttributes(scope: Construct, id: string, attrs: AttestorAttributes): IAttestor {
    const path = childPath(scope, id);
    requireObject(path, 'attrs', attrs);
    const attestor = parseLiteralName(
      path,
      'attestorId',
      attrs.attestorId,
      parseAttestorName,
      'projects/P/attestors/N',
    );
    const note =
      attrs.noteId === undefined
        ? undefined
        : parseLiteralName(path, 'noteId', attrs.noteId, parseNoteName, 'projects/P/notes/N');
    return new ImportedAttestor(scope, id, attestor, note);
  }

  /**
   * References the `built-by-cloud-build` attestor of a project, which Cloud Build creates when it first
   * builds there (Terraform must never create it). Its note is not documented, so only the grants on the
   * attestor itself (`grantVerify`, `grantView`, `grant`) work; Cloud Build signs its attestations itself.
   *
   * @param project the project where Cloud Build runs
   * @see https://cloud.google.com/build/docs/securing-builds/use-binary-authorization
   */
  public static builtByCloudBuild(scope: Construct, id: string, project: string): IAttestor {
    checkLiteral(childPath(scope, id), 'project', project, checkProjectId);
    return new ImportedAttestor(scope, id, { project, id: BUILT_BY_CLOUD_BUILD }, undefined, true);
  }

  public readonly attestorName: string;
  public readonly attestorProject: string;

  /**
   * The full name of the attestor's note, `projects/PROJECT_ID/notes/NOTE_ID`.
   * @attribute
   */
  public readonly noteId: string;

  private readonly resource: BinaryAuthorizationAttestor;
  private readonly note?: ContainerAnalysisNote;
  private readonly noteTarget: NoteTarget;
  private readonly cryptoKeys: KmsCryptoKey[] = [];

  constructor(scope: Construct, id: string, props: AttestorProps) {
    super(scope, id);
    checkAspectPlacement(this);
    requireObject(this, 'props', props);
    checkLiteral(this, 'project', props.project, checkProjectId);
    requireOptionalString(this, 'description', props.description);
    requireOptionalBoolean(this, 'enableApis', props.enableApis);
    this.attestorProject = props.project;
    this.attestorName = props.attestorName ?? deriveResourceId(this.node.path.split('/'), 63);
    checkLiteral(this, 'attestorName', this.attestorName, checkResourceId);
    requireArray(this, 'keys', props.keys);
    props.keys.forEach((key, i) => {
      // Not `instanceof`: another copy of this library in the app makes keys of another class.
      if (typeof (key as { _bind?: unknown } | undefined)?._bind !== 'function') {
        // Described, never quoted: a key pasted where an AttestorKey belongs may be a private one.
        const shown = key === undefined ? key : new Undisclosed(describeKind(key));
        throw invalidProp(this, `keys[${i}]`, shown, 'expected an AttestorKey, such as AttestorKey.newKmsKey()');
      }
    });
    if (props.keys.length === 0) {
      throw invalidProp(
        this,
        'keys',
        [],
        'an attestor without keys never verifies any attestation; pass at least one key, such as [AttestorKey.newKmsKey()]',
      );
    }

    const enableApis = props.enableApis === true;
    const services = enableApis
      ? enableProjectServices(this, this.attestorProject, [BINAUTHZ_API, CONTAINER_ANALYSIS_API])
      : [];
    const dependsOn = services.length ? services : undefined;

    let noteReference: string;
    if (props.note !== undefined) {
      const parsed = parseLiteralName(this, 'note', props.note, parseNoteName, 'projects/P/notes/N');
      noteReference = props.note;
      this.noteTarget = { project: parsed.project, note: parsed.id };
    } else {
      const noteName = Token.isUnresolved(this.attestorName)
        ? `${this.attestorName}-note`
        : deriveResourceId([this.attestorName, 'note'], 100);
      this.note = new ContainerAnalysisNote(this, 'Note', {
        project: this.attestorProject,
        name: noteName,
        attestationAuthority: { hint: { humanReadableName: this.attestorName } },
        dependsOn,
      });
      // Literal, known at plan: `projects/P/notes/N`, never a short name that would resolve elsewhere.
      noteReference = noteResourceName(this.attestorProject, noteName);
      this.noteTarget = { project: this.attestorProject, note: this.note.name };
    }
    this.noteId = noteReference;

    const publicKeys = props.keys.map((key, i) => {
      const bound = key._bind({
        scope: this,
        property: `keys[${i}]`,
        project: this.attestorProject,
        attestorName: this.attestorName,
        enableKmsApi: (project) => (enableApis ? enableProjectServices(this, project, [CLOUD_KMS_API]) : []),
      });
      if (bound.cryptoKey) {
        this.cryptoKeys.push(bound.cryptoKey);
      }
      return bound.publicKey;
    });

    this.resource = new BinaryAuthorizationAttestor(this, 'Resource', {
      project: this.attestorProject,
      name: this.attestorName,
      description: props.description,
      attestationAuthorityNote: { noteReference, publicKeys },
      dependsOn: this.note ? [this.note, ...services] : dependsOn,
    });

    new ContainerAnalysisNoteIamMember(this, 'NoteViewerDelegation', {
      project: this.noteTarget.project,
      note: this.noteTarget.note,
      role: NOTES_OCCURRENCES_VIEWER,
      member: `serviceAccount:${this.resource.attestationAuthorityNote.delegationServiceAccountEmail}`,
    });
  }

  /** @internal */
  protected _attestorReference(): string {
    return this.resource.name;
  }

  /** @internal */
  protected _noteTarget(): NoteTarget | undefined {
    return this.noteTarget;
  }

  /** @internal */
  protected _signingKeys(): KmsCryptoKey[] {
    return [...this.cryptoKeys];
  }
}

class ImportedAttestor extends AttestorBase {
  public readonly attestorName: string;
  public readonly attestorProject: string;
  private readonly note?: ResourceName;
  private readonly builtByCloudBuild: boolean;

  constructor(scope: Construct, id: string, attestor: ResourceName, note?: ResourceName, builtByCloudBuild = false) {
    super(scope, id);
    this.attestorProject = attestor.project;
    this.attestorName = attestor.id;
    this.note = note;
    this.builtByCloudBuild = builtByCloudBuild;
  }

  /** @internal */
  protected _attestorReference(): string {
    return this.attestorName;
  }

  /** @internal */
  protected _noteTarget(): NoteTarget | undefined {
    return this.note ? { project: this.note.project, note: this.note.id } : undefined;
  }

  /** @internal */
  protected _unknownNoteReason(): string {
    return this.builtByCloudBuild
      ? 'the note of the built-by-cloud-build attestor is managed by Cloud Build and not documented; Cloud Build signs its attestations itself, and other grants on it are limited to the attestor (grantVerify, grantView)'
      : super._unknownNoteReason();
  }
}

/** Parses a full resource name that must be known at synth time (policies and grants need the literal). */
function parseLiteralName(
  where: IConstruct | string,
  property: string,
  value: string,
  parse: (name: string) => ResourceName,
  form: string,
): ResourceName {
  requireString(where, property, value);
  if (Token.isUnresolved(value)) {
    throw invalidProp(where, property, value, `the full name must be known at synth time; pass a literal "${form}"`);
  }
  return parseProp(where, property, value, parse);
}

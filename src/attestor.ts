import { BinaryAuthorizationAttestor } from '@cdktf/provider-google/lib/binary-authorization-attestor';
import { BinaryAuthorizationAttestorIamMember } from '@cdktf/provider-google/lib/binary-authorization-attestor-iam-member';
import { ContainerAnalysisNote } from '@cdktf/provider-google/lib/container-analysis-note';
import { ContainerAnalysisNoteIamMember } from '@cdktf/provider-google/lib/container-analysis-note-iam-member';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { AttestorKey } from './attestor-key';
import { deriveResourceId, shortHash } from './core/derived-names';
import { binauthzServiceAgent, checkIamMember, checkProjectNumber, checkRole } from './core/iam';
import {
  attestorResourceName,
  checkNoteHint,
  checkProjectId,
  checkResourceId,
  noteResourceName,
  parseAttestorName,
  parseNoteName,
  ResourceName,
} from './core/names';
import { Grant } from './grant';
import { IamMember } from './iam-member';
import { checkConstruct } from './private/aspect-placement';
import {
  childPath,
  checkLiteral,
  checkOptionalFreeText,
  describeKind,
  invalidProp,
  parseProp,
  requireArray,
  requireObject,
  requireOptionalBoolean,
  requireString,
  terraformExpression,
  Undisclosed,
} from './private/errors';
import { idPart } from './private/ids';
import { BINAUTHZ_API, CLOUD_KMS_API, CONTAINER_ANALYSIS_API, enableProjectServices } from './private/project-services';
import { claimSingleton } from './private/singletons';

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

/** Marks the attestors of this library (`Symbol.for`, so that copies of the library agree). */
const ATTESTOR_MARKER = Symbol.for('cdktf-gcp-binauthz.Attestor');

/** The full name an attestor claims: one attestor of each name in the app. */
const ATTESTOR_NAME = Symbol.for('cdktf-gcp-binauthz.Attestor.name');
/** The full name of the note an attestor creates: one of each in the app. */
const CREATED_NOTE_NAME = Symbol.for('cdktf-gcp-binauthz.Attestor.noteName');

/** The attestor that Cloud Build creates in a project that builds with it. */
const BUILT_BY_CLOUD_BUILD = 'built-by-cloud-build';

/**
 * A Binary Authorization attestor, created in this app or referenced.
 *
 * Separation of duties: an attestor (with its note and signing keys) lives in a security project. The
 * signer (a CI service account) may attach attestations to the note and sign with the key
 * (`grantSign`); the projects that deploy only verify (`grantVerify`, `grantDeployerProject`); nobody
 * that deploys can sign.
 */
export interface IAttestor extends IConstruct {
  /**
   * The attestor's full resource name, `projects/PROJECT_ID/attestors/ATTESTOR_ID` (the API's `name`):
   * the form policies must use, since short ids are resolved against the policy's own project.
   * @attribute
   */
  readonly attestorName: string;

  /**
   * The attestor's short id (the API's `attestorId`), the last segment of `attestorName`.
   * @attribute
   */
  readonly attestorId: string;

  /**
   * The project that holds the attestor.
   * @attribute
   */
  readonly attestorProject: string;

  /**
   * Grants `role` on the attestor to `member`, additively (`google_binary_authorization_attestor_iam_member`).
   * Granting the same role to the same member again returns the first grant.
   */
  grant(member: IamMember, role: string): Grant;

  /**
   * Lets `member` read the attestor (`roles/binaryauthorization.attestorsViewer`), as whoever writes a
   * policy that requires it needs.
   */
  grantView(member: IamMember): Grant;

  /**
   * Lets `member` verify attestations of this attestor (`roles/binaryauthorization.attestorsVerifier`
   * on the attestor).
   */
  grantVerify(member: IamMember): Grant;

  /**
   * Lets `member` create attestations: `roles/containeranalysis.notes.attacher` on the attestor's note,
   * plus `roles/cloudkms.signerVerifier` on each KMS key created for the attestor. The member still
   * needs `roles/containeranalysis.occurrences.editor` in the project that stores the attestations.
   *
   * Throws for a referenced attestor whose note is unknown (see `Attestor.fromAttestorAttributes`).
   */
  grantSign(member: IamMember): Grant;

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
  grantDeployerProject(projectNumber: string): Grant;
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
  public abstract readonly attestorId: string;
  public abstract readonly attestorProject: string;
  /** What each grant child grants (`role` and member), by its id. */
  private readonly grants = new Map<string, string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, ATTESTOR_MARKER, { value: true });
  }

  public get attestorName(): string {
    return attestorResourceName(this.attestorProject, this.attestorId);
  }

  public grant(member: IamMember, role: string): Grant {
    checkMember(this, member);
    checkLiteral(this, 'role', role, checkRole);
    return Grant._of([this.grantOnAttestor(member, role)]);
  }

  public grantView(member: IamMember): Grant {
    return this.grant(member, ATTESTORS_VIEWER);
  }

  public grantVerify(member: IamMember): Grant {
    return this.grant(member, ATTESTORS_VERIFIER);
  }

  public grantSign(member: IamMember): Grant {
    checkMember(this, member);
    const note = this.requireNote('grantSign');
    return Grant._of([
      this.grantOnNote(note, member, NOTES_ATTACHER),
      ...this._signingKeys().map((key) =>
        this.grantOnce(
          grantId(this, key.node.id, KMS_SIGNER_VERIFIER, member),
          KMS_SIGNER_VERIFIER,
          member,
          (id) =>
            new KmsCryptoKeyIamMember(this, id, {
              cryptoKeyId: key.id,
              role: KMS_SIGNER_VERIFIER,
              member: member.member,
            }),
        ),
      ),
    ]);
  }

  public grantDeployerProject(projectNumber: string): Grant {
    checkLiteral(this, 'projectNumber', projectNumber, checkProjectNumber);
    const note = this.requireNote('grantDeployerProject');
    const agent = IamMember.serviceAccount(binauthzServiceAgent(projectNumber));
    return Grant._of([
      this.grantOnAttestor(agent, ATTESTORS_VERIFIER),
      this.grantOnNote(note, agent, NOTES_OCCURRENCES_VIEWER),
    ]);
  }

  private grantOnAttestor(member: IamMember, role: string): ITerraformDependable {
    return this.grantOnce(
      grantId(this, 'Attestor', role, member),
      role,
      member,
      (id) =>
        new BinaryAuthorizationAttestorIamMember(this, id, {
          project: this.attestorProject,
          attestor: this._attestorReference(),
          role,
          member: member.member,
        }),
    );
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
    return 'the note of a referenced attestor is unknown; reference the attestor with Attestor.fromAttestorAttributes(scope, id, { attestorName, noteName: "projects/P/notes/N" })';
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
      role,
      member,
      (id) =>
        new ContainerAnalysisNoteIamMember(this, id, {
          project: note.project,
          note: note.note,
          role,
          member: member.member,
        }),
    );
  }

  /**
   * One resource per grant: granting the same role to the same member twice returns the first grant. Ids
   * come from the role and member with the characters ids cannot hold replaced, so two members may get
   * the same id (`…/build_tools` and `…/build/tools`): the first keeps it (existing grants keep their
   * addresses), the next gets it with a hash of its role and member appended.
   */
  private grantOnce(
    id: string,
    role: string,
    member: IamMember,
    create: (id: string) => ITerraformDependable & IConstruct,
  ): ITerraformDependable {
    const grant = `${role}\n${Token.isUnresolved(member.member) ? (terraformExpression(this, member.member) ?? member.member) : member.member}`;
    const taken = this.grants.get(id);
    const childId = taken === undefined || taken === grant ? id : `${id}-${shortHash(grant)}`;
    const existing = this.node.tryFindChild(childId);
    if (existing !== undefined && this.grants.get(childId) === grant) {
      return existing as unknown as ITerraformDependable;
    }
    if (existing !== undefined) {
      throw invalidProp(
        this,
        'member',
        member.member,
        `the grant of ${role} would take the id "${childId}" of another construct of the attestor; grant it on a parent construct instead`,
      );
    }
    this.grants.set(childId, grant);
    return create(childId);
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
   * The attestor's short id (the API's `attestorId`; the full name is `projects/PROJECT_ID/attestors/ATTESTOR_ID`).
   * Changing it replaces the attestor.
   * @default - derived from the construct path: lowercase letters, digits and hyphens, at most 63 characters
   */
  readonly attestorId?: string;

  /**
   * A description of the attestor.
   * @default - no description
   */
  readonly description?: string;

  /**
   * An existing Artifact Analysis note of kind `ATTESTATION_AUTHORITY` to store attestations under, as
   * its full name `projects/PROJECT_ID/notes/NOTE_ID` (it may be in another project). Nothing is created
   * for it, so `noteId` and `noteHint` do not apply. The attestor's delegation service account is granted
   * `roles/containeranalysis.notes.occurrences.viewer` on it (see `grantNoteViewerToDelegationAccount`), so
   * whoever applies this stack must be allowed to set the note's IAM policy (`containeranalysis.notes.setIamPolicy`).
   * @default - a note is created in `project`, named `noteId`
   */
  readonly note?: string;

  /**
   * The short id of the note the attestor creates (`google_container_analysis_note.name`; its full name is
   * `projects/PROJECT_ID/notes/NOTE_ID`), used exactly as given: never lowercased or otherwise rewritten.
   * Google documents no rule for note ids (UNCONFIRMED); the library accepts 1 to 100 letters, digits,
   * hyphens and underscores, starting with a letter or digit, and refuses anything else at synth time.
   *
   * Attestations are stored under the note: changing its id replaces the note, and every attestation
   * stored under it is lost. The fabric `binauthz` module names its notes `<attestor>-note`. Not with `note`.
   * @default - the attestor id with `-note` appended, as it is (`qa_2` gets `qa_2-note`)
   */
  readonly noteId?: string;

  /**
   * The human-readable name of the note the attestor creates (`attestation_authority.hint.human_readable_name`),
   * shown where notes are listed; it never identifies the note. Changing it updates the note in place. The
   * fabric `binauthz` module uses `Attestor <name> note`. Not with `note`.
   * @default - the attestor id
   */
  readonly noteHint?: string;

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

  /**
   * Take over an existing attestor (made by hand, by the fabric `binauthz` module or by another
   * configuration) instead of creating it: emits Terraform `import` blocks (Terraform 1.5 or later) for the
   * attestor, `projects/PROJECT_ID/attestors/ATTESTOR_ID`, and for the note the attestor creates,
   * `projects/PROJECT_ID/notes/NOTE_ID` (none when `note` names an existing note). The first plan then
   * imports them and shows the difference to this configuration, instead of failing on names that exist or
   * replacing the note with every attestation under it. Match the live names (`attestorId`, `noteId`) and
   * keys; the import blocks can stay once the resources are in the state.
   *
   * Needs `attestorId`, and a literal `project`, `attestorId` and `noteId`: an import block takes its id
   * at plan time.
   * @default false
   */
  readonly adoptExisting?: boolean;

  /**
   * Whether to grant the attestor's delegation service account (`delegation_service_account_email`)
   * `roles/containeranalysis.notes.occurrences.viewer` on the note (a
   * `google_container_analysis_note_iam_member`), as the API asks attestor administrators to. For a
   * `note` in another project, whoever applies needs `containeranalysis.notes.setIamPolicy` on that note;
   * turn this off where that grant is managed elsewhere (the account is `delegationServiceAccountEmail`).
   * @default true
   */
  readonly grantNoteViewerToDelegationAccount?: boolean;
}

/**
 * Attributes of an existing attestor, for `Attestor.fromAttestorAttributes`.
 */
export interface AttestorAttributes {
  /**
   * The attestor's full resource name, `projects/PROJECT_ID/attestors/ATTESTOR_ID`, known at synth time.
   */
  readonly attestorName: string;

  /**
   * The full name of the attestor's note, `projects/PROJECT_ID/notes/NOTE_ID`, which `grantSign` and
   * `grantDeployerProject` grant on.
   * @default - unknown: `grantSign` and `grantDeployerProject` throw
   */
  readonly noteName?: string;
}

/**
 * Defines a Binary Authorization attestor: an Artifact Analysis note (kind `ATTESTATION_AUTHORITY`) that
 * holds the attestations, and the attestor that names the note and the public keys that verify them.
 *
 * Separation of duties: create the attestor, its note and its KMS keys in a security project. Signers
 * get `grantSign` (attach to the note, sign with the key); each project that deploys and requires the
 * attestor in its policy gets `grantDeployerProject` (verify only). Policies reference the attestor by its
 * full name `attestorName`, so the attestor may live in another project than the policy.
 *
 * The attestor's own delegation service account (`delegation_service_account_email`) is granted
 * `roles/containeranalysis.notes.occurrences.viewer` on the note, as the API asks attestor administrators to
 * (unless `grantNoteViewerToDelegationAccount` is false).
 *
 * An existing attestor is taken over with `adoptExisting`, `attestorId`, `noteId` and `noteHint` set to
 * what it has: Terraform imports it and its note instead of replacing them.
 *
 * @see https://cloud.google.com/binary-authorization/docs/key-concepts#attestors
 */
export class Attestor extends AttestorBase {
  /**
   * References an existing attestor by its full resource name, `projects/PROJECT_ID/attestors/ATTESTOR_ID`
   * (in this project or another one). Nothing is created. Its note is unknown, so only the grants on the
   * attestor itself work; use `fromAttestorAttributes` to grant on the note too.
   *
   * @param attestorName the full resource name; it must be known at synth time
   */
  public static fromAttestorName(scope: Construct, id: string, attestorName: string): IAttestor {
    return Attestor.fromAttestorAttributes(scope, id, { attestorName });
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
      'attestorName',
      attrs.attestorName,
      parseAttestorName,
      'projects/P/attestors/N',
    );
    const note =
      attrs.noteName === undefined
        ? undefined
        : parseLiteralName(path, 'noteName', attrs.noteName, parseNoteName, 'projects/P/notes/N');
    return new ImportedAttestor(scope, id, attestor, { note });
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
    return new ImportedAttestor(
      scope,
      id,
      { project, id: BUILT_BY_CLOUD_BUILD },
      {
        unknownNoteReason:
          'the note of the built-by-cloud-build attestor is managed by Cloud Build and not documented; Cloud Build signs its attestations itself, and other grants on it are limited to the attestor (grantVerify, grantView)',
      },
    );
  }

  /**
   * Whether `x` is an attestor of this library, created or referenced (an `IAttestor`).
   *
   * @param x anything
   */
  public static isAttestor(x: any): x is IAttestor {
    return typeof x === 'object' && x !== null && x[ATTESTOR_MARKER] === true;
  }

  public readonly attestorId: string;
  public readonly attestorProject: string;

  /**
   * The full name of the attestor's note, `projects/PROJECT_ID/notes/NOTE_ID`.
   * @attribute
   */
  public readonly noteName: string;

  /**
   * The email of the service account that the attestor reads its note's attestations as
   * (`delegation_service_account_email`), known after apply: the member that
   * `grantNoteViewerToDelegationAccount` grants on the note.
   * @attribute
   */
  public readonly delegationServiceAccountEmail: string;

  private readonly resource: BinaryAuthorizationAttestor;
  private readonly note?: ContainerAnalysisNote;
  private readonly noteTarget: NoteTarget;
  private readonly cryptoKeys: KmsCryptoKey[] = [];

  constructor(scope: Construct, id: string, props: AttestorProps) {
    super(scope, id);
    checkConstruct(this, props);
    checkLiteral(this, 'project', props.project, checkProjectId);
    checkOptionalFreeText(this, 'description', props.description);
    for (const name of ['enableApis', 'adoptExisting', 'grantNoteViewerToDelegationAccount'] as const) {
      requireOptionalBoolean(this, name, props[name]);
    }
    this.attestorProject = props.project;
    this.attestorId = props.attestorId ?? deriveResourceId(this.node.path.split('/'), 63);
    checkLiteral(this, 'attestorId', this.attestorId, checkResourceId);
    claimSingleton(
      this,
      ATTESTOR_NAME,
      'attestorId',
      attestorResourceName(this.attestorProject, this.attestorId),
      (other) =>
        `[${other}] defines an attestor of the same name, and the second would fail at apply after the rest was changed; give each attestor its own 'attestorId' (a derived id comes from the construct path, where "A-B" and "A/B" give the same id)`,
    );
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
    /** The id of the note this attestor creates, if it creates one. */
    let createdNoteId: string | undefined;
    if (props.note !== undefined) {
      for (const name of ['noteId', 'noteHint'] as const) {
        if (props[name] !== undefined) {
          throw invalidProp(
            this,
            name,
            props[name],
            `'note' names an existing note, which this attestor does not create; drop '${name}', or drop 'note' to create the note`,
          );
        }
      }
      const parsed = parseLiteralName(this, 'note', props.note, parseNoteName, 'projects/P/notes/N');
      noteReference = props.note;
      this.noteTarget = { project: parsed.project, note: parsed.id };
    } else {
      const noteId = props.noteId ?? this.defaultNoteId();
      createdNoteId = noteId;
      checkLiteral(this, 'noteId', noteId, checkResourceId);
      const noteHint = props.noteHint ?? this.attestorId;
      checkLiteral(this, 'noteHint', noteHint, checkNoteHint);
      checkOptionalFreeText(this, 'noteHint', noteHint);
      claimSingleton(
        this,
        CREATED_NOTE_NAME,
        'noteId',
        noteResourceName(this.attestorProject, noteId),
        (other) =>
          `[${other}] creates a note of the same name, and the second would fail at apply after the rest was changed; give each attestor its own 'noteId', or pass 'note' to share an existing note`,
      );
      this.note = new ContainerAnalysisNote(this, 'Note', {
        project: this.attestorProject,
        name: noteId,
        attestationAuthority: { hint: { humanReadableName: noteHint } },
        dependsOn,
      });
      // Literal, known at plan: `projects/P/notes/N`, never a short name that would resolve elsewhere.
      noteReference = noteResourceName(this.attestorProject, noteId);
      this.noteTarget = { project: this.attestorProject, note: this.note.name };
    }
    this.noteName = noteReference;

    const publicKeys = props.keys.map((key, i) => {
      const bound = key._bind({
        scope: this,
        property: `keys[${i}]`,
        project: this.attestorProject,
        attestorId: this.attestorId,
        enableKmsApi: (project) => (enableApis ? enableProjectServices(this, project, [CLOUD_KMS_API]) : []),
      });
      if (bound.cryptoKey) {
        this.cryptoKeys.push(bound.cryptoKey);
      }
      return bound.publicKey;
    });

    this.resource = new BinaryAuthorizationAttestor(this, 'Resource', {
      project: this.attestorProject,
      name: this.attestorId,
      description: props.description,
      attestationAuthorityNote: { noteReference, publicKeys },
      dependsOn: this.note ? [this.note, ...services] : dependsOn,
    });
    this.delegationServiceAccountEmail = this.resource.attestationAuthorityNote.delegationServiceAccountEmail;

    if (props.adoptExisting) {
      this.importExisting(props.attestorId, createdNoteId);
    }

    if (props.grantNoteViewerToDelegationAccount !== false) {
      new ContainerAnalysisNoteIamMember(this, 'NoteViewerDelegation', {
        project: this.noteTarget.project,
        note: this.noteTarget.note,
        role: NOTES_OCCURRENCES_VIEWER,
        member: `serviceAccount:${this.delegationServiceAccountEmail}`,
      });
    }
  }

  /**
   * The id of the note the attestor creates when `noteId` is not given: the attestor id with `-note`
   * appended, never rewritten (a derived attestor id is already lowercase, so its note keeps the name it
   * always had).
   */
  private defaultNoteId(): string {
    const noteId = `${this.attestorId}-note`;
    if (!Token.isUnresolved(noteId)) {
      const problem = checkResourceId(noteId);
      if (problem !== undefined) {
        throw invalidProp(
          this,
          'noteId',
          undefined,
          `the default note id, the attestor id with "-note" appended, is not a valid note id (${problem}); pass 'noteId'`,
        );
      }
    }
    return noteId;
  }

  /**
   * `adoptExisting`: import blocks for the attestor and the note it creates, by their literal full names.
   */
  private importExisting(givenAttestorId: string | undefined, createdNoteId: string | undefined): void {
    const why = "'adoptExisting' imports the attestor and its note by name, which must be known at synth time";
    if (givenAttestorId === undefined) {
      throw invalidProp(
        this,
        'attestorId',
        undefined,
        `${why}; pass the id the existing attestor has (the last part of "projects/P/attestors/ID")`,
      );
    }
    const literals: Array<[string, string | undefined]> = [
      ['project', this.attestorProject],
      ['attestorId', this.attestorId],
      ['noteId', createdNoteId],
    ];
    for (const [property, value] of literals) {
      if (Token.isUnresolved(value)) {
        throw invalidProp(this, property, value, `${why}; pass a literal ${property}`);
      }
    }
    this.resource.importFrom(attestorResourceName(this.attestorProject, this.attestorId));
    if (this.note && createdNoteId !== undefined) {
      this.note.importFrom(noteResourceName(this.attestorProject, createdNoteId));
    }
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

/** What is known of a referenced attestor besides its name. */
interface ImportedAttestorOptions {
  /** Its note, when known. */
  readonly note?: ResourceName;
  /** Why its note is unknown, when that is not for want of `noteName`. */
  readonly unknownNoteReason?: string;
}

class ImportedAttestor extends AttestorBase {
  public readonly attestorId: string;
  public readonly attestorProject: string;
  private readonly options: ImportedAttestorOptions;

  constructor(scope: Construct, id: string, attestor: ResourceName, options: ImportedAttestorOptions) {
    super(scope, id);
    this.attestorProject = attestor.project;
    this.attestorId = attestor.id;
    this.options = options;
  }

  /** @internal */
  protected _attestorReference(): string {
    return this.attestorId;
  }

  /** @internal */
  protected _noteTarget(): NoteTarget | undefined {
    const note = this.options.note;
    return note ? { project: note.project, note: note.id } : undefined;
  }

  /** @internal */
  protected _unknownNoteReason(): string {
    return this.options.unknownNoteReason ?? super._unknownNoteReason();
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

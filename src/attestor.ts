import { Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { attestorResourceName, parseAttestorName } from './core/names';
import { childPath, invalidProp } from './private/errors';

/**
 * A Binary Authorization attestor, created in this app or referenced.
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
}

/**
 * What every attestor, created or referenced, has in common.
 */
abstract class AttestorBase extends Construct implements IAttestor {
  public abstract readonly attestorName: string;
  public abstract readonly attestorProject: string;

  public get attestorId(): string {
    return attestorResourceName(this.attestorProject, this.attestorName);
  }
}

/**
 * Defines a Binary Authorization attestor.
 *
 * @see https://cloud.google.com/binary-authorization/docs/key-concepts#attestors
 */
export class Attestor extends AttestorBase {
  /**
   * References an existing attestor by its full resource name, `projects/PROJECT_ID/attestors/ATTESTOR_ID`
   * (in this project or another one). Nothing is created.
   *
   * @param attestorId the full resource name; it must be known at synth time
   */
  public static fromAttestorName(scope: Construct, id: string, attestorId: string): IAttestor {
    const path = childPath(scope, id);
    if (Token.isUnresolved(attestorId)) {
      throw invalidProp(
        path,
        'attestorId',
        attestorId,
        'the full name must be known at synth time (policies need the literal "projects/P/attestors/N"); pass a literal name',
      );
    }
    let parsed;
    try {
      parsed = parseAttestorName(attestorId);
    } catch (e) {
      throw invalidProp(path, 'attestorId', attestorId, (e as Error).message);
    }
    return new ImportedAttestor(scope, id, parsed.project, parsed.id);
  }

  public readonly attestorName: string;
  public readonly attestorProject: string;

  private constructor(scope: Construct, id: string, project: string, attestorName: string) {
    super(scope, id);
    this.attestorProject = project;
    this.attestorName = attestorName;
  }
}

class ImportedAttestor extends AttestorBase {
  public readonly attestorName: string;
  public readonly attestorProject: string;

  constructor(scope: Construct, id: string, project: string, attestorName: string) {
    super(scope, id);
    this.attestorProject = project;
    this.attestorName = attestorName;
  }
}

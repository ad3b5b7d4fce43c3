import { BinaryAuthorizationAttestorAttestationAuthorityNotePublicKeys as PublicKeyConfig } from '@cdktf/provider-google/lib/binary-authorization-attestor';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

/** What an attestor needs to know to bind its keys. */
export interface AttestorKeyContext {
  /** The attestor construct: keys create their resources under it. */
  readonly scope: Construct;
  /** Where the key sits in `keys`, for error messages. */
  readonly property: string;
  readonly project: string;
  /** The attestor's short id, from which KMS ids are derived. */
  readonly attestorId: string;
  /** Enables the KMS API in a project, returning what to depend on (empty when APIs are not managed). */
  readonly enableKmsApi: (project: string) => ITerraformDependable[];
}

/** A bound attestor key. */
export interface BoundAttestorKey {
  readonly publicKey: PublicKeyConfig;
  /** The crypto key created for this attestor, if any. */
  readonly cryptoKey?: KmsCryptoKey;
}

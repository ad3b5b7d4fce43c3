'use strict';
/** (b) The typical stack by hand, with deep-imported provider classes: the baseline. */
const { run } = require('../harness');

run(
  () => ({
    cdktf: require('cdktf'),
    constructs: require('constructs'),
    GoogleProvider: require('@cdktf/provider-google/lib/provider').GoogleProvider,
    ProjectService: require('@cdktf/provider-google/lib/project-service').ProjectService,
    ContainerAnalysisNote: require('@cdktf/provider-google/lib/container-analysis-note').ContainerAnalysisNote,
    ContainerAnalysisNoteIamMember: require('@cdktf/provider-google/lib/container-analysis-note-iam-member')
      .ContainerAnalysisNoteIamMember,
    KmsKeyRing: require('@cdktf/provider-google/lib/kms-key-ring').KmsKeyRing,
    KmsCryptoKey: require('@cdktf/provider-google/lib/kms-crypto-key').KmsCryptoKey,
    KmsCryptoKeyIamMember: require('@cdktf/provider-google/lib/kms-crypto-key-iam-member').KmsCryptoKeyIamMember,
    DataGoogleKmsCryptoKeyVersion: require('@cdktf/provider-google/lib/data-google-kms-crypto-key-version')
      .DataGoogleKmsCryptoKeyVersion,
    BinaryAuthorizationAttestor: require('@cdktf/provider-google/lib/binary-authorization-attestor')
      .BinaryAuthorizationAttestor,
    BinaryAuthorizationAttestorIamMember: require('@cdktf/provider-google/lib/binary-authorization-attestor-iam-member')
      .BinaryAuthorizationAttestorIamMember,
    BinaryAuthorizationPolicy: require('@cdktf/provider-google/lib/binary-authorization-policy')
      .BinaryAuthorizationPolicy,
    CloudRunV2Service: require('@cdktf/provider-google/lib/cloud-run-v2-service').CloudRunV2Service,
    Cloudfunctions2Function: require('@cdktf/provider-google/lib/cloudfunctions2-function').Cloudfunctions2Function,
  }),
  require('./by-hand').buildByHand,
);

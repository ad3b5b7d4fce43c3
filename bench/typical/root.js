'use strict';
/** (c) The typical stack by hand, with the provider's root import (`import * as google from '@cdktf/provider-google'`). */
const { run } = require('../harness');

run(() => {
  const google = require('@cdktf/provider-google');
  return {
    cdktf: require('cdktf'),
    constructs: require('constructs'),
    GoogleProvider: google.provider.GoogleProvider,
    ProjectService: google.projectService.ProjectService,
    ContainerAnalysisNote: google.containerAnalysisNote.ContainerAnalysisNote,
    ContainerAnalysisNoteIamMember: google.containerAnalysisNoteIamMember.ContainerAnalysisNoteIamMember,
    KmsKeyRing: google.kmsKeyRing.KmsKeyRing,
    KmsCryptoKey: google.kmsCryptoKey.KmsCryptoKey,
    KmsCryptoKeyIamMember: google.kmsCryptoKeyIamMember.KmsCryptoKeyIamMember,
    DataGoogleKmsCryptoKeyVersion: google.dataGoogleKmsCryptoKeyVersion.DataGoogleKmsCryptoKeyVersion,
    BinaryAuthorizationAttestor: google.binaryAuthorizationAttestor.BinaryAuthorizationAttestor,
    BinaryAuthorizationAttestorIamMember: google.binaryAuthorizationAttestorIamMember.BinaryAuthorizationAttestorIamMember,
    BinaryAuthorizationPolicy: google.binaryAuthorizationPolicy.BinaryAuthorizationPolicy,
    CloudRunV2Service: google.cloudRunV2Service.CloudRunV2Service,
    Cloudfunctions2Function: google.cloudfunctions2Function.Cloudfunctions2Function,
  };
}, require('./by-hand').buildByHand);

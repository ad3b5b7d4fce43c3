/**
 * Google's predefined IAM roles, as far as the chain of trust goes: for each role that holds any of the
 * permissions of `TRUST_PERMISSIONS` (`trust-permissions.ts`), those permissions; and the names of every other
 * predefined role, which holds none of them. A role in neither list is one this table does not know: what
 * it may do cannot be judged (`trust-permissions.ts` says so, and the review counts it as weakening), so the
 * table grows instead of the hole.
 *
 * Generated from Google's predefined role definitions (`includedPermissions` of each role, as the IAM API's
 * `roles.get` returns them), as collected in the public dataset iann0036/iam-dataset (`gcp/roles/*.json`,
 * commit 2073fa52ac008a45477aa0b1b4580cd99135bf60, 2026-08-22): 2,461 roles. Data only; edit by regenerating,
 * or add a role by hand with the permissions its page in Google's "IAM roles and permissions" reference lists.
 *
 * The organization policy permissions (`orgpolicy.policy.set`, `orgpolicy.policies.create`, `.update`, `.delete`)
 * were added later, from the same dataset's permission index (`gcp/permissions.json`, which lists the roles
 * holding each permission; read at commits 02d4d9c86e496fd02a9e458153a5ed35d98fcd15 and
 * 2b3e73524246eb6bf9ca8ad43f96ee7944fd7dd1, the same in both): `roles/assuredworkloads.admin`,
 * `roles/assuredworkloads.editor` (`orgpolicy.policy.set`) and `roles/orgpolicy.policyAdmin` (all four), which
 * moved from the list of roles without trust permissions to the table.
 */

/** Each predefined role that holds a trust-chain permission, with those permissions (and no others). */
export const PREDEFINED_ROLE_TRUST_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  'roles/aiedgeportal.serviceAgent': ['storage.objects.create'],
  'roles/aiplatform.agentSandboxServiceAgent': ['storage.objects.create'],
  'roles/aiplatform.batchPredictionServiceAgent': ['storage.objects.create'],
  'roles/aiplatform.colabServiceAgent': ['iam.serviceAccounts.actAs'],
  'roles/aiplatform.customCodeServiceAgent': [
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'iam.serviceAccounts.implicitDelegation',
    'iam.serviceAccounts.signBlob',
    'iam.serviceAccounts.signJwt',
    'storage.objects.create',
  ],
  'roles/aiplatform.extensionCustomCodeServiceAgent': ['storage.objects.create'],
  'roles/aiplatform.extensionServiceAgent': [
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
  ],
  'roles/aiplatform.modelMonitoringServiceAgent': ['storage.objects.create'],
  'roles/aiplatform.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'artifactregistry.repositories.uploadArtifacts',
    'storage.objects.create',
  ],
  'roles/aiplatform.tuningServiceAgent': ['storage.objects.create'],
  'roles/apigateway.serviceAgent': ['iam.serviceAccounts.getAccessToken', 'iam.serviceAccounts.getOpenIdToken'],
  'roles/apigee.serviceAgent': ['iam.serviceAccounts.getAccessToken', 'iam.serviceAccounts.getOpenIdToken'],
  'roles/appengine.appAdmin': ['artifactregistry.repositories.uploadArtifacts'],
  'roles/appengine.deployer': ['artifactregistry.repositories.uploadArtifacts'],
  'roles/appengine.serviceAgent': [
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'iam.serviceAccounts.signBlob',
    'artifactregistry.repositories.uploadArtifacts',
  ],
  'roles/appengineflex.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.signBlob',
    'iam.serviceAccounts.signJwt',
    'artifactregistry.repositories.uploadArtifacts',
    'storage.objects.create',
    'storage.buckets.setIamPolicy',
    'resourcemanager.projects.setIamPolicy',
  ],
  'roles/artifactregistry.admin': [
    'artifactregistry.repositories.uploadArtifacts',
    'artifactregistry.repositories.setIamPolicy',
  ],
  'roles/artifactregistry.containerRegistryMigrationAdmin': [
    'artifactregistry.repositories.uploadArtifacts',
    'artifactregistry.repositories.setIamPolicy',
  ],
  'roles/artifactregistry.createOnPushRepoAdmin': ['artifactregistry.repositories.uploadArtifacts'],
  'roles/artifactregistry.createOnPushWriter': ['artifactregistry.repositories.uploadArtifacts'],
  'roles/artifactregistry.editor': ['artifactregistry.repositories.uploadArtifacts'],
  'roles/artifactregistry.repoAdmin': ['artifactregistry.repositories.uploadArtifacts'],
  'roles/artifactregistry.writer': ['artifactregistry.repositories.uploadArtifacts'],
  'roles/assuredoss.admin': ['iam.serviceAccountKeys.create'],
  'roles/assuredworkloads.admin': ['orgpolicy.policy.set'],
  'roles/assuredworkloads.editor': ['orgpolicy.policy.set'],
  'roles/automl.serviceAgent': ['storage.objects.create'],
  'roles/automlrecommendations.serviceAgent': ['storage.objects.create'],
  'roles/backupdr.cloudStorageOperator': ['storage.objects.create'],
  'roles/backupdr.computeEngineOperator': ['iam.serviceAccounts.actAs'],
  'roles/backupdr.serviceAgent': ['iam.serviceAccounts.actAs'],
  'roles/batch.serviceAgent': ['iam.serviceAccounts.actAs'],
  'roles/bigquerycontinuousquery.serviceAgent': ['iam.serviceAccounts.getAccessToken'],
  'roles/bigquerydatatransfer.serviceAgent': ['iam.serviceAccounts.getAccessToken'],
  'roles/bigquerymigration.worker': ['storage.objects.create'],
  'roles/bigqueryspark.serviceAgent': ['iam.serviceAccounts.getAccessToken'],
  'roles/binaryauthorization.admin': [
    'binaryauthorization.attestors.create',
    'binaryauthorization.attestors.update',
    'binaryauthorization.attestors.delete',
    'binaryauthorization.policy.update',
    'binaryauthorization.platformPolicies.create',
    'binaryauthorization.platformPolicies.replace',
    'binaryauthorization.platformPolicies.delete',
    'binaryauthorization.attestors.setIamPolicy',
    'binaryauthorization.policy.setIamPolicy',
  ],
  'roles/binaryauthorization.attestorsAdmin': [
    'binaryauthorization.attestors.create',
    'binaryauthorization.attestors.update',
    'binaryauthorization.attestors.delete',
    'binaryauthorization.attestors.setIamPolicy',
  ],
  'roles/binaryauthorization.attestorsEditor': [
    'binaryauthorization.attestors.create',
    'binaryauthorization.attestors.update',
    'binaryauthorization.attestors.delete',
  ],
  'roles/binaryauthorization.editor': [
    'binaryauthorization.attestors.create',
    'binaryauthorization.attestors.update',
    'binaryauthorization.attestors.delete',
    'binaryauthorization.policy.update',
    'binaryauthorization.platformPolicies.create',
    'binaryauthorization.platformPolicies.replace',
    'binaryauthorization.platformPolicies.delete',
  ],
  'roles/binaryauthorization.policyAdmin': [
    'binaryauthorization.policy.update',
    'binaryauthorization.platformPolicies.create',
    'binaryauthorization.platformPolicies.replace',
    'binaryauthorization.platformPolicies.delete',
    'binaryauthorization.policy.setIamPolicy',
  ],
  'roles/binaryauthorization.policyEditor': [
    'binaryauthorization.policy.update',
    'binaryauthorization.platformPolicies.create',
    'binaryauthorization.platformPolicies.replace',
    'binaryauthorization.platformPolicies.delete',
  ],
  'roles/ces.serviceAgent': ['storage.objects.create'],
  'roles/chronicle.serviceAgent': ['storage.objects.create', 'storage.buckets.setIamPolicy'],
  'roles/cloudasset.serviceAgent': ['storage.objects.create'],
  'roles/cloudbuild.builds.builder': ['artifactregistry.repositories.uploadArtifacts', 'storage.objects.create'],
  'roles/cloudbuild.serviceAgent': [
    'binaryauthorization.attestors.create',
    'binaryauthorization.attestors.update',
    'binaryauthorization.attestors.delete',
    'containeranalysis.notes.update',
    'containeranalysis.notes.delete',
    'containeranalysis.notes.attachOccurrence',
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'artifactregistry.repositories.uploadArtifacts',
    'storage.objects.create',
  ],
  'roles/cloudconfig.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'iam.serviceAccounts.getAccessToken',
    'storage.objects.create',
  ],
  'roles/clouddeploy.jobRunner': ['storage.objects.create'],
  'roles/clouddeploy.serviceAgent': ['iam.serviceAccounts.actAs', 'iam.serviceAccounts.getAccessToken'],
  'roles/clouddeploymentmanager.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'storage.objects.create',
    'iam.roles.update',
  ],
  'roles/cloudfunctions.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'iam.serviceAccounts.signBlob',
    'artifactregistry.repositories.uploadArtifacts',
    'storage.objects.create',
    'artifactregistry.repositories.setIamPolicy',
  ],
  'roles/cloudkms.admin': ['cloudkms.cryptoKeys.setIamPolicy', 'cloudkms.keyRings.setIamPolicy'],
  'roles/cloudkms.cryptoOperator': ['cloudkms.cryptoKeyVersions.useToSign'],
  'roles/cloudkms.serviceAgent': ['cloudkms.cryptoKeys.setIamPolicy'],
  'roles/cloudkms.signer': ['cloudkms.cryptoKeyVersions.useToSign'],
  'roles/cloudkms.signerVerifier': ['cloudkms.cryptoKeyVersions.useToSign'],
  'roles/cloudmigration.storageaccess': ['storage.objects.create'],
  'roles/cloudoptimization.serviceAgent': ['storage.objects.create'],
  'roles/cloudscheduler.serviceAgent': ['iam.serviceAccounts.getAccessToken', 'iam.serviceAccounts.getOpenIdToken'],
  'roles/cloudtasks.serviceAgent': ['iam.serviceAccounts.getAccessToken', 'iam.serviceAccounts.getOpenIdToken'],
  'roles/cloudtestservice.testAdmin': ['storage.objects.create'],
  'roles/cloudtpu.serviceAgent': ['iam.serviceAccounts.actAs'],
  'roles/cloudtranslate.serviceAgent': ['storage.objects.create'],
  'roles/compliancescanning.serviceAgent': [
    'containeranalysis.notes.update',
    'containeranalysis.notes.delete',
    'containeranalysis.notes.attachOccurrence',
  ],
  'roles/composer.ServiceAgentV2Ext': ['iam.serviceAccounts.setIamPolicy'],
  'roles/composer.environmentAndStorageObjectAdmin': ['storage.objects.create'],
  'roles/composer.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'artifactregistry.repositories.uploadArtifacts',
    'storage.objects.create',
    'storage.buckets.setIamPolicy',
  ],
  'roles/composer.worker': [
    'artifactregistry.repositories.uploadArtifacts',
    'storage.objects.create',
    'artifactregistry.repositories.setIamPolicy',
  ],
  'roles/compute.instanceGroupManagerServiceAgent': ['iam.serviceAccounts.actAs'],
  'roles/compute.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'iam.serviceAccounts.implicitDelegation',
    'iam.serviceAccounts.signJwt',
    'storage.objects.create',
  ],
  'roles/config.agent': ['storage.objects.create'],
  'roles/configdelivery.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'artifactregistry.repositories.uploadArtifacts',
    'artifactregistry.repositories.setIamPolicy',
  ],
  'roles/connectors.serviceAgent': [
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'iam.serviceAccounts.implicitDelegation',
  ],
  'roles/contactcenterinsights.serviceAgent': ['storage.objects.create'],
  'roles/container.cloudKmsKeyUser': ['cloudkms.cryptoKeyVersions.useToSign'],
  'roles/container.serviceAgent': ['iam.serviceAccounts.actAs'],
  'roles/containeranalysis.admin': [
    'containeranalysis.notes.update',
    'containeranalysis.notes.delete',
    'containeranalysis.notes.attachOccurrence',
    'containeranalysis.notes.setIamPolicy',
  ],
  'roles/containeranalysis.editor': [
    'containeranalysis.notes.update',
    'containeranalysis.notes.delete',
    'containeranalysis.notes.attachOccurrence',
  ],
  'roles/containeranalysis.notes.attacher': ['containeranalysis.notes.attachOccurrence'],
  'roles/containeranalysis.notes.editor': [
    'containeranalysis.notes.update',
    'containeranalysis.notes.delete',
    'containeranalysis.notes.attachOccurrence',
  ],
  'roles/contentwarehouse.serviceAgent': ['storage.objects.create'],
  'roles/dataflow.admin': ['storage.objects.create'],
  'roles/dataflow.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.implicitDelegation',
    'iam.serviceAccounts.signBlob',
    'iam.serviceAccounts.signJwt',
    'storage.objects.create',
    'storage.buckets.setIamPolicy',
  ],
  'roles/dataflow.worker': ['storage.objects.create'],
  'roles/datafusion.serviceAgent': ['storage.objects.create', 'storage.buckets.setIamPolicy'],
  'roles/datalabeling.serviceAgent': ['storage.objects.create'],
  'roles/datapipelines.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'storage.objects.create',
    'storage.buckets.setIamPolicy',
  ],
  'roles/dataplex.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'storage.objects.create',
    'storage.buckets.setIamPolicy',
  ],
  'roles/dataplex.storageDataOwner': ['storage.objects.create'],
  'roles/dataplex.storageDataWriter': ['storage.objects.create'],
  'roles/dataprep.serviceAgent': ['iam.serviceAccounts.actAs', 'storage.objects.create'],
  'roles/dataproc.hubAgent': ['iam.serviceAccounts.actAs'],
  'roles/dataproc.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'iam.serviceAccounts.getAccessToken',
    'storage.objects.create',
    'storage.buckets.setIamPolicy',
  ],
  'roles/dataproc.worker': ['storage.objects.create'],
  'roles/datastream.serviceAgent': ['storage.objects.create'],
  'roles/datastudio.managedStorageServiceAgent': ['storage.objects.create'],
  'roles/designcenter.admin': ['storage.objects.create'],
  'roles/designcenter.serviceAgent': ['storage.objects.create'],
  'roles/designcenter.user': ['storage.objects.create'],
  'roles/dialogflow.serviceAgent': ['storage.objects.create'],
  'roles/discoveryengine.serviceAgent': ['storage.objects.create', 'storage.buckets.setIamPolicy'],
  'roles/dlp.serviceAgent': ['storage.objects.create', 'storage.buckets.setIamPolicy'],
  'roles/documentaicore.serviceAgent': ['storage.objects.create'],
  'roles/earthengine.appsPublisher': ['iam.serviceAccounts.setIamPolicy'],
  'roles/edgecontainer.clusterServiceAgent': ['storage.objects.create'],
  'roles/editor': [
    'binaryauthorization.attestors.create',
    'binaryauthorization.attestors.update',
    'binaryauthorization.attestors.delete',
    'containeranalysis.notes.update',
    'containeranalysis.notes.delete',
    'binaryauthorization.policy.update',
    'binaryauthorization.platformPolicies.create',
    'binaryauthorization.platformPolicies.replace',
    'binaryauthorization.platformPolicies.delete',
    'containeranalysis.notes.attachOccurrence',
    'iam.serviceAccounts.actAs',
    'iam.serviceAccountKeys.create',
    'artifactregistry.repositories.uploadArtifacts',
  ],
  'roles/eventarc.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
  ],
  'roles/firebase.admin': ['storage.objects.create', 'storage.buckets.setIamPolicy'],
  'roles/firebase.developAdmin': ['storage.objects.create', 'storage.buckets.setIamPolicy'],
  'roles/firebase.managementServiceAgent': ['storage.buckets.setIamPolicy', 'resourcemanager.projects.setIamPolicy'],
  'roles/firebase.sdkAdminServiceAgent': ['storage.objects.create'],
  'roles/firebaseapphosting.computeRunner': ['artifactregistry.repositories.uploadArtifacts', 'storage.objects.create'],
  'roles/firebaseapphosting.serviceAgent': ['iam.serviceAccounts.actAs'],
  'roles/firebasemods.serviceAgent': ['iam.serviceAccounts.actAs'],
  'roles/firebaserules.system': ['storage.objects.create'],
  'roles/firebasestorage.serviceAgent': ['storage.objects.create'],
  'roles/firestore.serviceAgent': ['storage.objects.create'],
  'roles/gameservices.serviceAgent': ['iam.serviceAccounts.actAs'],
  'roles/genomics.serviceAgent': ['iam.serviceAccounts.actAs'],
  'roles/gkehub.crossProjectServiceAgent': ['resourcemanager.projects.setIamPolicy'],
  'roles/hypercomputecluster.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'iam.serviceAccounts.getAccessToken',
    'storage.objects.create',
    'storage.buckets.setIamPolicy',
  ],
  'roles/iam.admin': [
    'iam.serviceAccounts.actAs',
    'iam.serviceAccountKeys.create',
    'iam.serviceAccounts.setIamPolicy',
    'iam.roles.update',
  ],
  'roles/iam.dataScientist': ['iam.serviceAccounts.actAs', 'storage.objects.create'],
  'roles/iam.databasesAdmin': ['iam.serviceAccounts.actAs', 'storage.objects.create', 'storage.buckets.setIamPolicy'],
  'roles/iam.devOps': [
    'binaryauthorization.policy.update',
    'binaryauthorization.platformPolicies.create',
    'binaryauthorization.platformPolicies.replace',
    'binaryauthorization.platformPolicies.delete',
    'iam.serviceAccounts.actAs',
    'artifactregistry.repositories.uploadArtifacts',
    'storage.objects.create',
    'binaryauthorization.policy.setIamPolicy',
    'iam.serviceAccounts.setIamPolicy',
  ],
  'roles/iam.editor': ['iam.serviceAccounts.actAs', 'iam.serviceAccountKeys.create'],
  'roles/iam.infrastructureAdmin': ['storage.objects.create', 'storage.buckets.setIamPolicy'],
  'roles/iam.mlEngineer': ['storage.objects.create'],
  'roles/iam.organizationRoleAdmin': ['iam.roles.update'],
  'roles/iam.roleAdmin': ['iam.roles.update'],
  'roles/iam.securityAdmin': [
    'binaryauthorization.attestors.setIamPolicy',
    'binaryauthorization.policy.setIamPolicy',
    'containeranalysis.notes.setIamPolicy',
    'cloudkms.cryptoKeys.setIamPolicy',
    'cloudkms.keyRings.setIamPolicy',
    'iam.serviceAccounts.setIamPolicy',
    'artifactregistry.repositories.setIamPolicy',
    'storage.buckets.setIamPolicy',
    'resourcemanager.projects.setIamPolicy',
    'resourcemanager.folders.setIamPolicy',
    'resourcemanager.organizations.setIamPolicy',
  ],
  'roles/iam.serviceAccountAdmin': ['iam.serviceAccounts.setIamPolicy'],
  'roles/iam.serviceAccountKeyAdmin': ['iam.serviceAccountKeys.create'],
  'roles/iam.serviceAccountOpenIdTokenCreator': ['iam.serviceAccounts.getOpenIdToken'],
  'roles/iam.serviceAccountTokenCreator': [
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'iam.serviceAccounts.implicitDelegation',
    'iam.serviceAccounts.signBlob',
    'iam.serviceAccounts.signJwt',
  ],
  'roles/iam.serviceAccountUser': ['iam.serviceAccounts.actAs'],
  'roles/iam.workloadIdentityUser': ['iam.serviceAccounts.getAccessToken', 'iam.serviceAccounts.getOpenIdToken'],
  'roles/integrations.serviceAgent': [
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'storage.objects.create',
  ],
  'roles/issuerswitch.serviceAgent': ['storage.objects.create'],
  'roles/krmapihosting.anthosApiEndpointServiceAgent': [
    'iam.serviceAccounts.actAs',
    'resourcemanager.projects.setIamPolicy',
  ],
  'roles/krmapihosting.serviceAgent': ['iam.serviceAccounts.actAs'],
  'roles/lifesciences.serviceAgent': ['iam.serviceAccounts.actAs'],
  'roles/livestream.serviceAgent': ['storage.objects.create'],
  'roles/mediaasset.serviceAgent': ['storage.objects.create'],
  'roles/metastore.serviceAgent': ['storage.objects.create'],
  'roles/ml.serviceAgent': [
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'iam.serviceAccounts.implicitDelegation',
    'iam.serviceAccounts.signBlob',
    'iam.serviceAccounts.signJwt',
    'storage.objects.create',
    'storage.buckets.setIamPolicy',
  ],
  'roles/notebooks.serviceAgent': ['iam.serviceAccounts.actAs', 'iam.serviceAccounts.getAccessToken'],
  'roles/orgpolicy.policyAdmin': [
    'orgpolicy.policies.create',
    'orgpolicy.policies.delete',
    'orgpolicy.policies.update',
    'orgpolicy.policy.set',
  ],
  'roles/osconfig.serviceAgent': [
    'containeranalysis.notes.update',
    'containeranalysis.notes.delete',
    'containeranalysis.notes.attachOccurrence',
    'iam.serviceAccounts.actAs',
  ],
  'roles/owner': [
    'binaryauthorization.attestors.create',
    'binaryauthorization.attestors.update',
    'binaryauthorization.attestors.delete',
    'containeranalysis.notes.update',
    'containeranalysis.notes.delete',
    'binaryauthorization.policy.update',
    'binaryauthorization.platformPolicies.create',
    'binaryauthorization.platformPolicies.replace',
    'binaryauthorization.platformPolicies.delete',
    'containeranalysis.notes.attachOccurrence',
    'cloudkms.cryptoKeyVersions.useToSign',
    'iam.serviceAccounts.actAs',
    'iam.serviceAccountKeys.create',
    'artifactregistry.repositories.uploadArtifacts',
    'binaryauthorization.attestors.setIamPolicy',
    'binaryauthorization.policy.setIamPolicy',
    'containeranalysis.notes.setIamPolicy',
    'cloudkms.cryptoKeys.setIamPolicy',
    'cloudkms.keyRings.setIamPolicy',
    'iam.serviceAccounts.setIamPolicy',
    'artifactregistry.repositories.setIamPolicy',
    'resourcemanager.projects.setIamPolicy',
    'iam.roles.update',
  ],
  'roles/privilegedaccessmanager.folderServiceAgent': ['resourcemanager.folders.setIamPolicy'],
  'roles/privilegedaccessmanager.organizationServiceAgent': ['resourcemanager.organizations.setIamPolicy'],
  'roles/privilegedaccessmanager.projectServiceAgent': ['resourcemanager.projects.setIamPolicy'],
  'roles/privilegedaccessmanager.serviceAgent': [
    'resourcemanager.projects.setIamPolicy',
    'resourcemanager.folders.setIamPolicy',
    'resourcemanager.organizations.setIamPolicy',
  ],
  'roles/pubsub.serviceAgent': [
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'iam.serviceAccounts.implicitDelegation',
    'iam.serviceAccounts.signBlob',
    'iam.serviceAccounts.signJwt',
  ],
  'roles/resourcemanager.folderAdmin': [
    'resourcemanager.projects.setIamPolicy',
    'resourcemanager.folders.setIamPolicy',
  ],
  'roles/resourcemanager.folderIamAdmin': ['resourcemanager.folders.setIamPolicy'],
  'roles/resourcemanager.organizationAdmin': [
    'resourcemanager.projects.setIamPolicy',
    'resourcemanager.folders.setIamPolicy',
    'resourcemanager.organizations.setIamPolicy',
  ],
  'roles/resourcemanager.projectIamAdmin': ['resourcemanager.projects.setIamPolicy'],
  'roles/retail.serviceAgent': ['storage.objects.create'],
  'roles/routeoptimization.serviceAgent': ['storage.objects.create'],
  'roles/run.builder': ['artifactregistry.repositories.uploadArtifacts'],
  'roles/run.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'iam.serviceAccounts.signBlob',
    'artifactregistry.repositories.uploadArtifacts',
    'storage.objects.create',
  ],
  'roles/run.sourceDeveloper': ['storage.objects.create'],
  'roles/runapps.serviceAgent': ['iam.serviceAccounts.actAs', 'storage.objects.create'],
  'roles/saasservicemgmt.serviceAgent': [
    'artifactregistry.repositories.uploadArtifacts',
    'storage.objects.create',
    'storage.buckets.setIamPolicy',
  ],
  'roles/securedlandingzone.bqdwProjectRemediator': [
    'cloudkms.cryptoKeys.setIamPolicy',
    'cloudkms.keyRings.setIamPolicy',
    'storage.buckets.setIamPolicy',
  ],
  'roles/securesourcemanager.serviceAgent': ['iam.serviceAccounts.signJwt'],
  'roles/securitycenter.admin': ['iam.serviceAccountKeys.create'],
  'roles/securitycenter.securityResponseServiceAgent': ['iam.serviceAccounts.actAs'],
  'roles/serverless.serviceAgent': [
    'iam.serviceAccounts.actAs',
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccounts.getOpenIdToken',
    'iam.serviceAccounts.signBlob',
  ],
  'roles/sourcerepo.serviceAgent': ['iam.serviceAccounts.getAccessToken'],
  'roles/spanner.serviceAgent': ['storage.objects.create'],
  'roles/speech.serviceAgent': ['storage.objects.create'],
  'roles/storage.admin': ['storage.objects.create', 'storage.buckets.setIamPolicy'],
  'roles/storage.expressModeServiceInput': ['storage.objects.create'],
  'roles/storage.expressModeUserAccess': ['storage.objects.create'],
  'roles/storage.folderAdmin': ['storage.objects.create'],
  'roles/storage.legacyBucketOwner': ['storage.objects.create', 'storage.buckets.setIamPolicy'],
  'roles/storage.legacyBucketWriter': ['storage.objects.create'],
  'roles/storage.objectAdmin': ['storage.objects.create'],
  'roles/storage.objectCreator': ['storage.objects.create'],
  'roles/storage.objectUser': ['storage.objects.create'],
  'roles/stream.serviceAgent': ['storage.objects.create'],
  'roles/transcoder.serviceAgent': ['storage.objects.create'],
  'roles/vectorsearch.serviceAgent': ['storage.objects.create'],
  'roles/visionai.serviceAgent': ['storage.objects.create'],
  'roles/visualinspection.serviceAgent': [
    'artifactregistry.repositories.uploadArtifacts',
    'storage.objects.create',
    'artifactregistry.repositories.setIamPolicy',
    'storage.buckets.setIamPolicy',
  ],
  'roles/workflows.serviceAgent': ['iam.serviceAccounts.getAccessToken', 'iam.serviceAccounts.getOpenIdToken'],
  'roles/workstations.serviceAgent': ['iam.serviceAccounts.actAs'],
};

/**
 * The names of every other predefined role, without `roles/`, separated by spaces: roles that hold none of the
 * trust-chain permissions.
 */
const ROLES_WITHOUT_TRUST_PERMISSIONS = `
accessapproval.admin accessapproval.approver accessapproval.configEditor accessapproval.editor
accessapproval.invalidator accessapproval.viewer
accesscontextmanager.admin accesscontextmanager.editor accesscontextmanager.gcpAccessAdmin
accesscontextmanager.gcpAccessReader accesscontextmanager.policyAdmin accesscontextmanager.policyEditor
accesscontextmanager.policyReader accesscontextmanager.viewer accesscontextmanager.vpcScTroubleshooterViewer
actions.Admin actions.Viewer
advisorynotifications.admin advisorynotifications.viewer
agentcommunicationadmin.viewer
agentgateway.serviceAgent
agentidentity.admin agentidentity.editor agentidentity.user agentidentity.viewer
agentregistry.admin agentregistry.editor agentregistry.user agentregistry.viewer
aiplatform.admin aiplatform.colabEnterpriseAdmin aiplatform.colabEnterpriseUser aiplatform.editor
aiplatform.entityTypeOwner aiplatform.expressAdmin aiplatform.expressUser aiplatform.featurestoreAdmin
aiplatform.featurestoreDataViewer aiplatform.featurestoreDataWriter aiplatform.featurestoreInstanceCreator
aiplatform.featurestoreResourceEditor aiplatform.featurestoreResourceViewer aiplatform.featurestoreUser
aiplatform.memoryEditor aiplatform.memoryUser aiplatform.memoryViewer aiplatform.migrator
aiplatform.notebookExecutorUser aiplatform.notebookRuntimeAdmin aiplatform.notebookRuntimeUser
aiplatform.notebookServiceAgent aiplatform.onlinePredictionServiceAgent aiplatform.provisionedThroughputAdmin
aiplatform.publisherProvisionedThroughputAdmin aiplatform.publisherProvisionedThroughputViewer
aiplatform.ragServiceAgent aiplatform.rapidevalServiceAgent aiplatform.reasoningEngineServiceAgent
aiplatform.sessionEditor aiplatform.sessionUser aiplatform.sessionViewer aiplatform.telemetryServiceAgent
aiplatform.tensorboardWebAppUser aiplatform.user aiplatform.viewer
aisandbox.serviceAgent
alloydb.admin alloydb.backupDrAdmin alloydb.client alloydb.databaseUser alloydb.editor alloydb.serviceAgent
alloydb.viewer
alloydbproducer.cleanupAutomation
analyticshub.admin analyticshub.editor analyticshub.listingAdmin analyticshub.publisher
analyticshub.serviceAgent analyticshub.subscriber analyticshub.subscriptionOwner analyticshub.viewer
androidmanagement.admin androidmanagement.user
anthos.serviceAgent
anthosaudit.serviceAgent
anthosconfigmanagement.serviceAgent
anthosidentityservice.serviceAgent
anthospolicycontroller.serviceAgent
anthosservicemesh.serviceAgent
anthossupport.serviceAgent
apigateway.admin apigateway.editor apigateway.viewer
apigateway_management.serviceAgent
apigee.admin apigee.analyticsAgent apigee.analyticsEditor apigee.analyticsViewer apigee.apiAdmin
apigee.apiAdminV2 apigee.apiReader apigee.apiReaderV2 apigee.apimServiceExtensionServiceAgent
apigee.coreServiceAgent apigee.deploymentInvoker apigee.developerAdmin apigee.editor apigee.environmentAdmin
apigee.monetizationAdmin apigee.portalAdmin apigee.readOnlyAdmin apigee.runtimeAgent apigee.securityAdmin
apigee.securityViewer apigee.spaceConsoleUser apigee.spaceContentEditor apigee.spaceContentViewer
apigee.synchronizerManager apigee.viewer
apigeeconnect.Admin apigeeconnect.Agent apigeeconnect.viewer
apigeeregistry.admin apigeeregistry.editor apigeeregistry.viewer apigeeregistry.worker
apihub.addonsAdmin apihub.admin apihub.apiInsightsViewer apihub.attributeAdmin apihub.editor
apihub.pluginAdmin apihub.provisioningAdmin apihub.runTimeProjectAttachmentsEditor
apihub.runtimeProjectServiceAgent apihub.viewer
apim.admin apim.apiDiscoveryServiceAgent apim.viewer
appdevelopmentexperience.serviceAgent
appengine.admin appengine.appCreator appengine.appViewer appengine.codeViewer appengine.debugger
appengine.editor appengine.memcacheDataAdmin appengine.serviceAdmin appengine.viewer
apphub.admin apphub.appManagementViewer apphub.editor apphub.viewer
applianceactivation.admin applianceactivation.approver applianceactivation.client
applianceactivation.troubleshooter applianceactivation.viewer
appmetadata.workspaceMarketplaceAppConfigurationAdmin
appoptimize.admin appoptimize.viewer
apptopology.viewer
apsinfra.admin
artifactregistry.attachmentReader artifactregistry.attachmentWriter artifactregistry.reader
artifactregistry.serviceAgent artifactregistry.viewer
assuredoss.editor assuredoss.projectAdmin assuredoss.reader assuredoss.user assuredoss.viewer
assuredworkloads.monitoringServiceAgent assuredworkloads.reader
assuredworkloads.serviceAgent assuredworkloads.settingsReader assuredworkloads.viewer
auditmanager.admin auditmanager.auditor auditmanager.ccfAdmin auditmanager.ccfViewer auditmanager.serviceAgent
auditmanager.viewer
automl.admin automl.editor automl.predictor automl.viewer
automlrecommendations.admin automlrecommendations.adminViewer automlrecommendations.editor
automlrecommendations.viewer
autoscaling.admin autoscaling.editor autoscaling.metricsWriter autoscaling.recommendationsReader
autoscaling.sitesAdmin autoscaling.stateWriter autoscaling.viewer
axt.admin
backstory.forwarderViewer.user
backupdr.admin backupdr.alloydbOperator backupdr.backupConfigViewer backupdr.backupUser
backupdr.backupvaultAccessor backupdr.backupvaultAdmin backupdr.backupvaultLister backupdr.backupvaultViewer
backupdr.cloudSqlOperator backupdr.diskOperator backupdr.editor backupdr.filestoreOperator
backupdr.managementServerAccessor backupdr.mangementServerAccessor backupdr.mountUser backupdr.restoreUser
backupdr.user backupdr.userv2 backupdr.viewer
baremetalsolution.admin baremetalsolution.editor baremetalsolution.instancesadmin
baremetalsolution.instancesviewer baremetalsolution.lunsadmin baremetalsolution.lunsviewer
baremetalsolution.maintenanceeventsadmin baremetalsolution.maintenanceeventseditor
baremetalsolution.maintenanceeventsviewer baremetalsolution.networksadmin baremetalsolution.nfssharesadmin
baremetalsolution.nfsshareseditor baremetalsolution.nfssharesviewer baremetalsolution.osimagesviewer
baremetalsolution.procurementsadmin baremetalsolution.procurementseditor baremetalsolution.procurementsviewer
baremetalsolution.serviceAgent baremetalsolution.storageadmin baremetalsolution.viewer
baremetalsolution.volumesadmin baremetalsolution.volumeseditor baremetalsolution.volumesnapshotsadmin
baremetalsolution.volumesnapshotseditor baremetalsolution.volumesnapshotsviewer
baremetalsolution.volumessviewer
batch.admin batch.agentReporter batch.jobsAdmin batch.jobsEditor batch.jobsViewer
batch.resourceAllowancesEditor batch.resourceAllowancesViewer batch.viewer
beyondcorp.admin beyondcorp.clientConnectorAdmin beyondcorp.clientConnectorServiceUser
beyondcorp.clientConnectorViewer beyondcorp.editor beyondcorp.partnerServiceDelegateAdmin
beyondcorp.partnerServiceDelegateViewer beyondcorp.serviceDiscoveryUser beyondcorp.sgApplicationUser
beyondcorp.subscriptionAdmin beyondcorp.subscriptionViewer beyondcorp.upstreamAccess beyondcorp.viewer
biglake.admin biglake.editor biglake.metadataViewer biglake.viewer
bigquery.admin bigquery.connectedSheetsServiceAgent bigquery.connectionAdmin bigquery.connectionUser
bigquery.dataEditor bigquery.dataOwner bigquery.dataViewer bigquery.filteredDataViewer bigquery.jobUser
bigquery.metadataViewer bigquery.objectRefAdmin bigquery.objectRefReader bigquery.readSessionUser
bigquery.resourceAdmin bigquery.resourceEditor bigquery.resourceViewer bigquery.routineAdmin
bigquery.routineDataEditor bigquery.routineDataViewer bigquery.routineMetadataViewer bigquery.securityAdmin
bigquery.studioAdmin bigquery.studioUser bigquery.user
bigqueryconnection.serviceAgent
bigquerydatapolicies.maskedReader
bigquerydatapolicy.admin bigquerydatapolicy.editor bigquerydatapolicy.maskedReader
bigquerydatapolicy.rawDataReader bigquerydatapolicy.viewer
bigquerymigration.admin bigquerymigration.editor bigquerymigration.migrationEditor
bigquerymigration.migrationViewer bigquerymigration.orchestrator bigquerymigration.serviceAgent
bigquerymigration.translationUser bigquerymigration.viewer
bigqueryomni.serviceAgent
bigtable.admin bigtable.editor bigtable.reader bigtable.user bigtable.viewer
billing.admin billing.carbonViewer billing.costsManager billing.creator billing.foundationsOnboardingSuperUser
billing.linkAdmin billing.projectCostsManager billing.projectManager billing.user billing.viewer
binaryauthorization.attestorsVerifier binaryauthorization.attestorsViewer binaryauthorization.policyEvaluator
binaryauthorization.policyViewer binaryauthorization.serviceAgent binaryauthorization.viewer
blockchainnodeengine.admin blockchainnodeengine.serviceAgent blockchainnodeengine.viewer
blockchainvalidatormanager.admin blockchainvalidatormanager.viewer
browser viewer
businessaicode.serviceAgent businessaicode.user
capacityplanner.admin capacityplanner.planner capacityplanner.viewer
carestudio.admin carestudio.viewer
certificatemanager.admin certificatemanager.editor certificatemanager.owner certificatemanager.serviceAgent
certificatemanager.viewer
certificatemanagerproducer.internalIdentityViewer
ces.admin ces.agentEditor ces.appEditor ces.client ces.deploymentEditor ces.evalsEditor ces.guardrailsEditor
ces.securitySettingsEditor ces.toolsEditor ces.viewer
chat.admin chat.owner chat.reader chat.viewer
chronicle.admin chronicle.dataGovernor chronicle.editor chronicle.federationAdmin chronicle.federationViewer
chronicle.globalDataAccess chronicle.limitedViewer chronicle.orgServiceAgent chronicle.restrictedDataAccess
chronicle.restrictedDataAccessViewer chronicle.soarAdmin chronicle.soarAnalyst chronicle.soarEngineer
chronicle.soarRemoteAgent chronicle.soarServiceAgent chronicle.soarThreatManager chronicle.soarViewer
chronicle.soarVulnerabilityManager chronicle.viewer
chroniclesm.admin chroniclesm.editor chroniclesm.viewer
ciem.serviceAgent
cloud.admin cloud.locationReader cloud.viewer
cloudaicompanion.admin cloudaicompanion.codeRepositoryIndexesAdmin
cloudaicompanion.codeRepositoryIndexesViewer cloudaicompanion.codeToolsAdmin cloudaicompanion.codeToolsUser
cloudaicompanion.editor cloudaicompanion.individualUser cloudaicompanion.repositoryGroupsUser
cloudaicompanion.serviceAgent cloudaicompanion.settingsAdmin cloudaicompanion.settingsUser
cloudaicompanion.topicAdmin cloudaicompanion.topicReader cloudaicompanion.user cloudaicompanion.viewer
cloudapiregistry.admin cloudapiregistry.viewer
cloudasset.admin cloudasset.editor cloudasset.effectivePolicyServiceAgent
cloudasset.otherCloudConfigServiceAgent cloudasset.owner cloudasset.viewer
cloudbuild.admin cloudbuild.builds.approver cloudbuild.builds.editor cloudbuild.builds.viewer
cloudbuild.connectionAdmin cloudbuild.connectionViewer cloudbuild.editor cloudbuild.integrationsEditor
cloudbuild.integrationsOwner cloudbuild.integrationsViewer cloudbuild.loggingServiceAgent
cloudbuild.readTokenAccessor cloudbuild.tokenAccessor cloudbuild.viewer cloudbuild.workerPoolEditor
cloudbuild.workerPoolOwner cloudbuild.workerPoolUser cloudbuild.workerPoolViewer
cloudconfig.admin cloudconfig.viewer
cloudcontrolspartner.accessApprovalServiceAgent cloudcontrolspartner.admin cloudcontrolspartner.editor
cloudcontrolspartner.ekmServiceAgent cloudcontrolspartner.inspectabilityReader
cloudcontrolspartner.monitoringReader cloudcontrolspartner.monitoringServiceAgent cloudcontrolspartner.reader
cloudcontrolspartner.supportCaseServiceAgent cloudcontrolspartner.viewer
clouddebugger.agent clouddebugger.user
clouddeploy.admin clouddeploy.approver clouddeploy.customTargetTypeAdmin clouddeploy.developer
clouddeploy.editor clouddeploy.operator clouddeploy.policyAdmin clouddeploy.policyOverrider
clouddeploy.releaser clouddeploy.viewer
cloudfunctions.admin cloudfunctions.developer cloudfunctions.editor cloudfunctions.invoker
cloudfunctions.viewer
cloudhub.operator
cloudidentity.domainlessResellerDelegatedAdmin cloudidentity.resellerSupportAdmin
cloudiot.admin cloudiot.deviceController cloudiot.editor cloudiot.provisioner cloudiot.serviceAgent
cloudiot.viewer
cloudjobdiscovery.admin cloudjobdiscovery.jobsEditor cloudjobdiscovery.jobsViewer
cloudjobdiscovery.profilesEditor cloudjobdiscovery.profilesViewer cloudjobdiscovery.viewer
cloudkms.autokeyAdmin cloudkms.autokeyUser cloudkms.cryptoKeyDecrypter
cloudkms.cryptoKeyDecrypterViaDelegation cloudkms.cryptoKeyEncrypter cloudkms.cryptoKeyEncrypterDecrypter
cloudkms.cryptoKeyEncrypterDecrypterViaDelegation cloudkms.cryptoKeyEncrypterViaDelegation
cloudkms.decapsulator cloudkms.ekmConnectionsAdmin cloudkms.encryptionDashboardViewer cloudkms.expertPqcSigner
cloudkms.expertRawAesCbc cloudkms.expertRawAesCtr cloudkms.expertRawPKCS1 cloudkms.hsmSingleTenantExecutor
cloudkms.hsmSingleTenantKeyCreator cloudkms.hsmSingleTenantProposer cloudkms.hsmSingleTenantQuorumMember
cloudkms.importer cloudkms.keyAccessJustificationsEnrollmentConfigViewer
cloudkms.keyAccessJustificationsPolicyConfigAdmin cloudkms.orgServiceAgent cloudkms.protectedResourcesViewer
cloudkms.publicKeyViewer cloudkms.verifier cloudkms.viewer
cloudkmskacls.serviceAgent
cloudlocationfinder.admin cloudlocationfinder.viewer
cloudmigration.inframanager cloudmigration.velostrataconnect
cloudnumberregistry.ipamAdmin cloudnumberregistry.ipamViewer
cloudoptimization.admin cloudoptimization.editor cloudoptimization.viewer
cloudprivatecatalog.admin cloudprivatecatalog.consumer cloudprivatecatalog.viewer
cloudprivatecatalogproducer.admin cloudprivatecatalogproducer.editor cloudprivatecatalogproducer.manager
cloudprivatecatalogproducer.orgAdmin cloudprivatecatalogproducer.viewer
cloudprofiler.admin cloudprofiler.agent cloudprofiler.user cloudprofiler.viewer
cloudquotas.admin cloudquotas.viewer
cloudscheduler.admin cloudscheduler.jobRunner cloudscheduler.viewer
cloudsecuritycompliance.admin cloudsecuritycompliance.serviceAgent cloudsecuritycompliance.viewer
cloudsecurityscanner.admin cloudsecurityscanner.editor cloudsecurityscanner.runner cloudsecurityscanner.viewer
cloudsql.admin cloudsql.client cloudsql.editor cloudsql.instanceUser cloudsql.schemaViewer
cloudsql.serviceAgent cloudsql.studioUser cloudsql.viewer
cloudsupport.admin cloudsupport.advisorySupportEditor cloudsupport.advisorySupportViewer
cloudsupport.supportSubscriptionEditor cloudsupport.supportSubscriptionViewer cloudsupport.techSupportEditor
cloudsupport.techSupportViewer cloudsupport.viewer
cloudtasks.admin cloudtasks.editor cloudtasks.enqueuer cloudtasks.queueAdmin cloudtasks.taskDeleter
cloudtasks.taskRunner cloudtasks.viewer
cloudtestservice.admin cloudtestservice.directAccessAdmin cloudtestservice.directAccessViewer
cloudtestservice.testViewer cloudtestservice.viewer
cloudtrace.admin cloudtrace.agent cloudtrace.user
cloudtranslate.admin cloudtranslate.editor cloudtranslate.user cloudtranslate.viewer
codelabapikeys.admin codelabapikeys.editor codelabapikeys.viewer
commerceagreementpublishing.admin commerceagreementpublishing.viewer
commercebusinessenablement.admin commercebusinessenablement.paymentConfigAdmin
commercebusinessenablement.paymentConfigViewer commercebusinessenablement.rebatesAdmin
commercebusinessenablement.rebatesViewer commercebusinessenablement.resellerDiscountAdmin
commercebusinessenablement.resellerDiscountViewer commercebusinessenablement.viewer
commerceoffercatalog.admin commerceoffercatalog.offersViewer
commerceorggovernance.admin commerceorggovernance.user commerceorggovernance.viewer
commercepricemanagement.editor commercepricemanagement.eventsViewer commercepricemanagement.privateOffersAdmin
commercepricemanagement.viewer
commerceproducer.admin commerceproducer.viewer
composer.admin composer.editor composer.environmentAndStorageObjectUser
composer.environmentAndStorageObjectViewer composer.sharedVpcAgent composer.user composer.viewer
compute.admin compute.editor compute.futureReservationAdmin compute.futureReservationUser
compute.futureReservationViewer compute.imageUser compute.instanceAdmin compute.instanceAdmin.v1
compute.interconnectAttachmentGroupAnalyzer compute.interconnectGroupAnalyzer compute.loadBalancerAdmin
compute.loadBalancerServiceUser compute.networkAdmin compute.networkUser compute.networkViewer
compute.orgFirewallPolicyAdmin compute.orgFirewallPolicyUser compute.orgSecurityPolicyAdmin
compute.orgSecurityPolicyUser compute.orgSecurityResourceAdmin compute.osAdminLogin compute.osLogin
compute.osLoginExternalUser compute.packetMirroringAdmin compute.packetMirroringUser
compute.peerSubnetMigrationAdmin compute.publicIpAdmin compute.securityAdmin compute.soleTenantViewer
compute.storageAdmin compute.viewer compute.vmExtensionPolicyAdmin compute.vmExtensionPolicyViewer
compute.xpnAdmin
confidentialcomputing.admin confidentialcomputing.gkeWorkloadUser confidentialcomputing.viewer
confidentialcomputing.workloadUser
config.admin config.editor config.viewer
configdelivery.admin configdelivery.configDeliveryAdmin configdelivery.configDeliveryViewer
configdelivery.resourceBundlePublisher configdelivery.viewer
connectors.admin connectors.customConnectorAdmin connectors.customConnectorViewer connectors.editor
connectors.endpointAttachmentAdmin connectors.endpointAttachmentViewer connectors.eventSubscriptionAdmin
connectors.eventSubscriptionViewer connectors.invoker connectors.listener connectors.managedZoneAdmin
connectors.managedZoneViewer connectors.viewer
consumerprocurement.entitlementManager consumerprocurement.entitlementViewer consumerprocurement.eventsViewer
consumerprocurement.licensePoolEditor consumerprocurement.licensePoolViewer consumerprocurement.orderAdmin
consumerprocurement.orderViewer consumerprocurement.procurementAdmin consumerprocurement.procurementViewer
contactcenteraiplatform.admin contactcenteraiplatform.viewer
contactcenteraiplatform.workforceSchedulingShiftGenerator
contactcenterinsights.admin contactcenterinsights.authorizedEditor contactcenterinsights.authorizedViewer
contactcenterinsights.editor contactcenterinsights.viewer
container.admin container.clusterAdmin container.clusterViewer container.defaultNodeServiceAccount
container.defaultNodeServiceAgent container.developer container.editor container.hostServiceAgentUser
container.nodeServiceAccount container.nodeServiceAgent container.viewer
containeranalysis.ServiceAgent containeranalysis.notes.occurrences.viewer containeranalysis.notes.viewer
containeranalysis.occurrences.editor containeranalysis.occurrences.viewer containeranalysis.viewer
containerregistry.ServiceAgent
containerscanning.ServiceAgent
containersecurity.admin containersecurity.viewer
containerthreatdetection.serviceAgent
contentwarehouse.admin contentwarehouse.documentAdmin contentwarehouse.documentCreator
contentwarehouse.documentEditor contentwarehouse.documentOwner contentwarehouse.documentSchemaViewer
contentwarehouse.documentViewer
databasecenter.admin databasecenter.viewer
databaseinsights.admin databaseinsights.assistantViewer databaseinsights.eventsViewer
databaseinsights.intelligenceViewer databaseinsights.monitoringViewer databaseinsights.operationsAdmin
databaseinsights.recommendationViewer databaseinsights.viewer databaseinsights.virtualDbxViewer
databasesconsole.editor databasesconsole.studioQueryAdmin databasesconsole.studioQueryUser
databasesconsole.viewer
datacatalog.admin datacatalog.categoryAdmin datacatalog.categoryFineGrainedReader datacatalog.dataSteward
datacatalog.editor datacatalog.entryGroupCreator datacatalog.entryGroupOwner datacatalog.entryOwner
datacatalog.entryViewer datacatalog.glossaryOwner datacatalog.glossaryUser datacatalog.migrationConfigAdmin
datacatalog.searchAdmin datacatalog.tagEditor datacatalog.tagTemplateCreator datacatalog.tagTemplateOwner
datacatalog.tagTemplateUser datacatalog.tagTemplateViewer datacatalog.viewer
dataconnectors.admin dataconnectors.connectorAdmin dataconnectors.connectorUser dataconnectors.editor
dataconnectors.serviceAgent dataconnectors.viewer
dataflow.developer dataflow.viewer
dataform.admin dataform.codeCommenter dataform.codeCreator dataform.codeEditor dataform.codeOwner
dataform.codeScheduler dataform.codeViewer dataform.editor dataform.serviceAgent dataform.teamFolderCommenter
dataform.teamFolderContributor dataform.teamFolderCreator dataform.teamFolderOwner dataform.teamFolderViewer
dataform.viewer
datafusion.accessor datafusion.admin datafusion.developer datafusion.operator datafusion.runner
datafusion.viewer
datalabeling.admin datalabeling.editor datalabeling.viewer
datalineage.admin datalineage.editor datalineage.producer datalineage.viewer
datamigration.admin datamigration.editor datamigration.serviceAgent
datapipelines.admin datapipelines.invoker datapipelines.viewer
dataplex.admin dataplex.aspectTypeOwner dataplex.aspectTypeUser dataplex.bindingAdmin dataplex.catalogAdmin
dataplex.catalogEditor dataplex.catalogViewer dataplex.changeRequestOwner dataplex.dataDomainAdmin
dataplex.dataDomainEditor dataplex.dataDomainEntryReader dataplex.dataDomainViewer dataplex.dataOwner
dataplex.dataProductsAdmin dataplex.dataProductsConsumer dataplex.dataProductsEditor
dataplex.dataProductsViewer dataplex.dataReader dataplex.dataScanAdmin dataplex.dataScanCreator
dataplex.dataScanDataViewer dataplex.dataScanEditor dataplex.dataScanViewer dataplex.dataWriter
dataplex.developer dataplex.discoveryBigLakePublishingServiceAgent dataplex.discoveryPublishingServiceAgent
dataplex.discoveryServiceAgent dataplex.editor dataplex.encryptionAdmin dataplex.entryGroupExporter
dataplex.entryGroupImporter dataplex.entryGroupOwner dataplex.entryOwner dataplex.entryTypeOwner
dataplex.entryTypeUser dataplex.metadataFeedOwner dataplex.metadataFeedViewer dataplex.metadataJobOwner
dataplex.metadataJobViewer dataplex.metadataReader dataplex.metadataWriter dataplex.securityAdmin
dataplex.storageDataReader dataplex.taxonomyAdmin dataplex.taxonomyViewer dataplex.viewer
dataplex.workflowAdmin dataplex.workflowApprover
dataprep.admin dataprep.projects.user
dataproc.admin dataproc.editor dataproc.serverlessEditor dataproc.serverlessNode dataproc.serverlessViewer
dataproc.viewer
dataprocessing.admin dataprocessing.dataSourceManager dataprocessing.editor dataprocessing.viewer
dataprocrm.admin dataprocrm.nodeServiceAgent dataprocrm.viewer
datastore.admin datastore.backupSchedulesAdmin datastore.backupSchedulesViewer datastore.backupsAdmin
datastore.backupsViewer datastore.bulkAdmin datastore.cloneAdmin datastore.editor datastore.importExportAdmin
datastore.indexAdmin datastore.keyVisualizerViewer datastore.owner datastore.restoreAdmin datastore.user
datastore.userCredsAdmin datastore.userCredsViewer datastore.viewer
datastream.admin datastream.bigqueryWriter datastream.viewer
datastudio.admin datastudio.contentManager datastudio.contributor datastudio.editor datastudio.manager
datastudio.serviceAgent datastudio.viewer datastudio.workspaceViewer
dellemccloudonefs.admin dellemccloudonefs.user dellemccloudonefs.viewer
deploymentmanager.admin deploymentmanager.editor deploymentmanager.typeEditor deploymentmanager.typeViewer
deploymentmanager.viewer
designcenter.applicationAdmin designcenter.applicationEditor designcenter.applicationViewer
designcenter.editor designcenter.viewer
developerconnect.admin developerconnect.connectionHttpProxyWriter developerconnect.editor
developerconnect.gitProxyReader developerconnect.gitProxyUser developerconnect.insightsAdmin
developerconnect.insightsAgent developerconnect.insightsViewer developerconnect.oauthAdmin
developerconnect.oauthUser developerconnect.readTokenAccessor developerconnect.serviceAgent
developerconnect.tokenAccessor developerconnect.user developerconnect.viewer
devicerun.admin devicerun.viewer
devicestreaming.admin devicestreaming.viewer
dialogflow.aamAdmin dialogflow.aamConversationalArchitect dialogflow.aamDialogDesigner
dialogflow.aamLeadDialogDesigner dialogflow.aamViewer dialogflow.admin dialogflow.agentAssistClient
dialogflow.client dialogflow.consoleAgentEditor dialogflow.consoleSimulatorUser
dialogflow.consoleSmartMessagingAllowlistEditor dialogflow.conversationManager dialogflow.entityTypeAdmin
dialogflow.environmentEditor dialogflow.flowEditor dialogflow.integrationManager dialogflow.intentAdmin
dialogflow.reader dialogflow.testCaseAdmin dialogflow.viewer dialogflow.webhookAdmin
discoveryengine.admin discoveryengine.agentAdmin discoveryengine.agentspaceAdmin
discoveryengine.agentspaceEditor discoveryengine.agentspaceRestrictedUser discoveryengine.agentspaceUser
discoveryengine.agentspaceViewer discoveryengine.editor discoveryengine.notebookEditor
discoveryengine.notebookLmOwner discoveryengine.notebookLmUser discoveryengine.notebookOwner
discoveryengine.notebookViewer discoveryengine.podcastApiUser discoveryengine.user discoveryengine.viewer
dlp.admin dlp.analyzeRiskTemplatesEditor dlp.analyzeRiskTemplatesReader dlp.columnDataProfilesReader
dlp.connectionsAdmin dlp.connectionsReader dlp.dataProfilesAdmin dlp.dataProfilesReader
dlp.deidentifyTemplatesEditor dlp.deidentifyTemplatesReader dlp.editor dlp.estimatesAdmin
dlp.fileStoreProfilesAdmin dlp.fileStoreProfilesReader dlp.inspectFindingsReader dlp.inspectTemplatesEditor
dlp.inspectTemplatesReader dlp.jobTriggersEditor dlp.jobTriggersReader dlp.jobsEditor dlp.jobsReader
dlp.orgdriver dlp.projectDataProfilesReader dlp.projectdriver dlp.reader dlp.storedInfoTypesEditor
dlp.storedInfoTypesReader dlp.subscriptionsAdmin dlp.subscriptionsReader dlp.tableDataProfilesAdmin
dlp.tableDataProfilesReader dlp.user dlp.viewer
dns.admin dns.editor dns.peer dns.reader dns.serviceAgent dns.viewer
documentai.admin documentai.apiUser documentai.editor documentai.viewer
domains.admin domains.editor domains.viewer
dspm.admin dspm.serviceAgent dspm.viewer
earlyaccesscenter.admin earlyaccesscenter.viewer
earth.admin earth.subscriptionsAdmin earth.subscriptionsViewer earth.viewer
earthengine.admin earthengine.editor earthengine.viewer earthengine.writer
edgecontainer.admin edgecontainer.apiKeyAdmin edgecontainer.apiKeyViewer edgecontainer.editor
edgecontainer.identityProviderAdmin edgecontainer.identityProviderViewer edgecontainer.machineUser
edgecontainer.offlineCredentialUser edgecontainer.serviceAccountAdmin edgecontainer.serviceAccountKeyAdmin
edgecontainer.serviceAccountKeyViewer edgecontainer.serviceAccountViewer edgecontainer.serviceAgent
edgecontainer.viewer edgecontainer.zonalProjectAdmin edgecontainer.zonalProjectViewer
edgecontainer.zonalServiceAdmin edgecontainer.zonalServiceViewer edgecontainer.zoneIamAdmin
edgecontainer.zoneIamViewer edgecontainer.zoneRolesViewer edgecontainer.zoneViewer
edgenetwork.admin edgenetwork.editor edgenetwork.viewer
endpoints.portalAdmin endpoints.serviceAgent
endpointsportal.serviceAgent
enterpriseknowledgegraph.admin enterpriseknowledgegraph.editor enterpriseknowledgegraph.serviceAgent
enterpriseknowledgegraph.viewer
enterprisepurchasing.admin enterprisepurchasing.editor enterprisepurchasing.viewer
errorreporting.admin errorreporting.user errorreporting.viewer errorreporting.writer
essentialcontacts.admin essentialcontacts.viewer
eventarc.admin eventarc.connectionPublisher eventarc.developer eventarc.editor eventarc.eventReceiver
eventarc.messageBusAdmin eventarc.messageBusUser eventarc.multiProjectEventCollector eventarc.publisher
eventarc.viewer
externalexposure.admin externalexposure.serviceAgent externalexposure.viewer
faulttesting.operator faulttesting.viewer
file.admin file.editor file.serviceAgent file.viewer
financialservices.admin financialservices.viewer
finwhale.admin finwhale.editor finwhale.viewer
firebase.analyticsAdmin firebase.analyticsViewer firebase.appDistributionSdkServiceAgent
firebase.developViewer firebase.editor firebase.growthAdmin firebase.growthViewer firebase.qualityAdmin
firebase.qualityViewer firebase.sdkProvisioningServiceAgent firebase.viewer
firebaseabt.admin firebaseabt.viewer
firebaseappcheck.admin firebaseappcheck.serviceAgent firebaseappcheck.tokenVerifier firebaseappcheck.viewer
firebaseappdistro.admin firebaseappdistro.viewer
firebaseapphosting.admin firebaseapphosting.developer firebaseapphosting.viewer
firebaseauth.admin firebaseauth.editor firebaseauth.viewer
firebasecloudmessaging.admin firebasecloudmessaging.viewer
firebasecrash.symbolMappingsAdmin
firebasecrashlytics.admin firebasecrashlytics.serviceAgent firebasecrashlytics.viewer
firebasedatabase.admin firebasedatabase.serviceAgent firebasedatabase.viewer
firebasedataconnect.admin firebasedataconnect.dataAdmin firebasedataconnect.dataViewer
firebasedataconnect.serviceAgent firebasedataconnect.viewer
firebasedynamiclinks.admin firebasedynamiclinks.editor firebasedynamiclinks.viewer
firebaseextensions.developer firebaseextensions.editor firebaseextensions.viewer
firebaseextensionspublisher.admin firebaseextensionspublisher.extensionsAdmin
firebaseextensionspublisher.extensionsViewer firebaseextensionspublisher.viewer
firebasehosting.admin firebasehosting.viewer
firebaseinappmessaging.admin firebaseinappmessaging.viewer
firebasemessagingcampaigns.admin firebasemessagingcampaigns.viewer
firebaseml.admin firebaseml.serviceAgent firebaseml.viewer
firebasenotifications.admin firebasenotifications.viewer
firebaseperformance.admin firebaseperformance.viewer
firebasepredictions.admin firebasepredictions.viewer
firebaserules.admin firebaserules.firestoreServiceAgent firebaserules.viewer
firebasestorage.admin firebasestorage.viewer
firebasetelemetry.serviceAgent
firebasevertexai.admin firebasevertexai.viewer
firewallinsights.serviceAgent
fleetengine.consumerSdkUser fleetengine.deliveryAdmin fleetengine.deliveryConsumer
fleetengine.deliveryFleetReader fleetengine.deliverySuperUser fleetengine.deliveryTrustedDriver
fleetengine.deliveryUntrustedDriver fleetengine.driverSdkUser fleetengine.ondemandAdmin
fleetengine.serviceAgent fleetengine.serviceSuperUser fleetengine.viewer
flow.serviceAgent
fpnv.admin
ftp.admin ftp.viewer
gameservices.admin gameservices.viewer
gdchardwaremanagement.admin gdchardwaremanagement.operator gdchardwaremanagement.reader
gdchardwaremanagement.viewer
geminicloudassist.admin geminicloudassist.editor geminicloudassist.investigationAdmin
geminicloudassist.investigationCreator geminicloudassist.investigationEditor
geminicloudassist.investigationOwner geminicloudassist.investigationUser geminicloudassist.investigationViewer
geminicloudassist.user geminicloudassist.viewer
geminicodeassistmanagement.serviceAgent
geminidataanalytics.admin geminidataanalytics.dataAgentCreator geminidataanalytics.dataAgentEditor
geminidataanalytics.dataAgentOwner geminidataanalytics.dataAgentStatelessUser
geminidataanalytics.dataAgentUser geminidataanalytics.dataAgentViewer geminidataanalytics.queryDataUser
geminidataanalytics.viewer
generativelanguage.serviceAgent
genomics.admin genomics.editor genomics.pipelinesRunner genomics.viewer
geospatialai.admin geospatialai.viewer
gkebackup.admin gkebackup.backupAdmin gkebackup.crossProjectServiceAgent gkebackup.delegatedBackupAdmin
gkebackup.delegatedRestoreAdmin gkebackup.editor gkebackup.restoreAdmin gkebackup.serviceAgent
gkebackup.viewer
gkedataplanemanagement.warpRunServiceAgent
gkehub.admin gkehub.connect gkehub.editor gkehub.gatewayAdmin gkehub.gatewayEditor gkehub.gatewayReader
gkehub.scopeAdmin gkehub.scopeEditor gkehub.scopeEditorProjectLevel gkehub.scopeViewer
gkehub.scopeViewerProjectLevel gkehub.serviceAgent gkehub.viewer
gkemulticloud.admin gkemulticloud.containerServiceAgent gkemulticloud.controlPlaneMachineServiceAgent
gkemulticloud.editor gkemulticloud.nodePoolMachineServiceAgent gkemulticloud.serviceAgent
gkemulticloud.telemetryWriter gkemulticloud.viewer
gkeonprem.admin gkeonprem.editor gkeonprem.serviceAgent gkeonprem.viewer
gsuiteaddons.admin gsuiteaddons.developer gsuiteaddons.reader gsuiteaddons.tester gsuiteaddons.viewer
health.admin health.editor health.viewer
healthcare.annotationEditor healthcare.annotationReader healthcare.annotationStoreAdmin
healthcare.annotationStoreViewer healthcare.attributeDefinitionEditor healthcare.attributeDefinitionReader
healthcare.consentArtifactAdmin healthcare.consentArtifactEditor healthcare.consentArtifactReader
healthcare.consentEditor healthcare.consentReader healthcare.consentStoreAdmin healthcare.consentStoreViewer
healthcare.datasetAdmin healthcare.datasetViewer healthcare.dicomEditor healthcare.dicomStoreAdmin
healthcare.dicomStoreViewer healthcare.dicomViewer healthcare.fhirResourceEditor healthcare.fhirResourceReader
healthcare.fhirStoreAdmin healthcare.fhirStoreViewer healthcare.hl7V2Consumer healthcare.hl7V2Editor
healthcare.hl7V2Ingest healthcare.hl7V2StoreAdmin healthcare.hl7V2StoreViewer healthcare.nlpServiceViewer
healthcare.serviceAgent healthcare.userDataMappingEditor healthcare.userDataMappingReader
hypercomputecluster.admin hypercomputecluster.editor hypercomputecluster.sharedVpcServiceAgent
hypercomputecluster.viewer
iam.accessPolicyAdmin iam.accessPolicyUser iam.accessPolicyViewer iam.denyAdmin iam.denyReviewer
iam.networkAdmin iam.oauthClientAdmin iam.oauthClientViewer iam.operationViewer iam.organizationRoleViewer
iam.principalAccessBoundaryAdmin iam.principalAccessBoundaryUser iam.principalAccessBoundaryViewer
iam.roleViewer iam.scimSyncer iam.securityAuditor iam.securityReviewer iam.serviceAccountApiKeyBindingAdmin
iam.serviceAccountCreator iam.serviceAccountDeleter iam.serviceAccountViewer iam.siteReliabilityEngineer
iam.supportUser iam.viewer iam.workforcePoolAdmin iam.workforcePoolEditor iam.workforcePoolViewer
iam.workloadIdentityPoolAdmin iam.workloadIdentityPoolViewer iam.workspacePoolAdmin
iamconnectors.admin iamconnectors.editor iamconnectors.user iamconnectors.viewer
iap.admin iap.editor iap.egressor iap.httpsResourceAccessor iap.remediatorUser iap.settingsAdmin
iap.tunnelDestGroupEditor iap.tunnelDestGroupViewer iap.tunnelResourceAccessor iap.viewer
identityplatform.admin identityplatform.viewer
identitytoolkit.admin identitytoolkit.editor identitytoolkit.serviceAgent identitytoolkit.viewer
ids.admin ids.editor ids.viewer
integrations.admin integrations.apigeeIntegrationAdminRole integrations.apigeeIntegrationDeployerRole
integrations.apigeeIntegrationEditorRole integrations.apigeeIntegrationInvokerRole
integrations.apigeeIntegrationsViewer integrations.apigeeSuspensionResolver integrations.certificateViewer
integrations.integrationAdmin integrations.integrationDeployer integrations.integrationEditor
integrations.integrationInvoker integrations.integrationViewer integrations.internalViewer
integrations.securityIntegrationAdmin integrations.sfdcInstanceAdmin integrations.sfdcInstanceEditor
integrations.sfdcInstanceViewer integrations.suspensionResolver integrations.viewer
issuerswitch.accountManagerAdmin issuerswitch.accountManagerTransactionsAdmin
issuerswitch.accountManagerTransactionsViewer issuerswitch.admin issuerswitch.issuerParticipantsAdmin
issuerswitch.resolutionsAdmin issuerswitch.rulesAdmin issuerswitch.rulesViewer issuerswitch.transactionsViewer
issuerswitch.viewer
krmapihosting.admin krmapihosting.editor krmapihosting.viewer
kubernetesmetadata.admin kubernetesmetadata.publisher kubernetesmetadata.viewer
kuberun.eventsControlPlaneServiceAgent kuberun.eventsDataPlaneServiceAgent
licensemanager.admin licensemanager.viewer
lifesciences.admin lifesciences.editor lifesciences.viewer lifesciences.workflowsRunner
livestream.admin livestream.editor livestream.viewer
logging.admin logging.bucketWriter logging.configWriter logging.fieldAccessor logging.linkViewer
logging.logWriter logging.privateLogViewer logging.serviceAgent logging.sqlAlertWriter logging.viewAccessor
logging.viewer
looker.admin looker.instanceUser looker.restrictedServiceAgent looker.serviceAgent looker.viewer
lookerstudio.lookerAdmin lookerstudio.proManager
lustre.admin lustre.viewer
maintenance.admin maintenance.viewer
managedflink.admin managedflink.developer managedflink.serviceAgent managedflink.viewer
managedidentities.admin managedidentities.backupAdmin managedidentities.backupViewer
managedidentities.domainAdmin managedidentities.domainJoin managedidentities.domaincontrollerOperator
managedidentities.editor managedidentities.peeringAdmin managedidentities.peeringViewer
managedidentities.serviceAgent managedidentities.viewer
managedkafka.aclEditor managedkafka.aclViewer managedkafka.admin managedkafka.client
managedkafka.clusterEditor managedkafka.connectClusterEditor managedkafka.connectorEditor
managedkafka.consumerGroupEditor managedkafka.schemaRegistryAdmin managedkafka.schemaRegistryEditor
managedkafka.schemaRegistryViewer managedkafka.serviceAgent managedkafka.topicEditor managedkafka.viewer
mandiant.admin mandiant.attackSurfaceManagementEditor mandiant.attackSurfaceManagementViewer
mandiant.digitalThreatMonitoringEditor mandiant.digitalThreatMonitoringViewer mandiant.expertiseOnDemandEditor
mandiant.expertiseOnDemandViewer mandiant.threatIntelEditor mandiant.threatIntelViewer
mandiant.validationEditor mandiant.validationViewer mandiant.viewer
mapsadmin.admin mapsadmin.viewer
mapsanalytics.admin mapsanalytics.mobilitySolutionsOverageViewer mapsanalytics.viewer
mapsplatformdatasets.admin mapsplatformdatasets.viewer
marketplacesolutions.admin marketplacesolutions.editor marketplacesolutions.viewer
mcp.admin mcp.toolUser
memcache.admin memcache.editor memcache.serviceAgent memcache.viewer
memorystore.admin memorystore.dbConnectionUser memorystore.serviceAgent memorystore.viewer
meshconfig.admin meshconfig.serviceAgent meshconfig.viewer
meshcontrolplane.serviceAgent
meshdataplane.serviceAgent
metastore.admin metastore.editor metastore.federationAccessor metastore.metadataEditor
metastore.metadataMutateAdmin metastore.metadataOperator metastore.metadataOwner metastore.metadataQueryAdmin
metastore.metadataUser metastore.metadataViewer metastore.migrationAdmin metastore.user metastore.viewer
migrationcenter.admin migrationcenter.discoveryClient migrationcenter.discoveryClientRegistrator
migrationcenter.serviceAgent migrationcenter.viewer
ml.admin ml.developer ml.editor ml.jobOwner ml.modelOwner ml.modelUser ml.operationOwner ml.viewer
modelarmor.admin modelarmor.calloutUser modelarmor.editor modelarmor.floorSettingsAdmin
modelarmor.floorSettingsViewer modelarmor.serviceAgent modelarmor.user modelarmor.viewer
monitoring.admin monitoring.alertPolicyEditor monitoring.alertPolicyViewer monitoring.alertViewer
monitoring.cloudConsoleIncidentEditor monitoring.cloudConsoleIncidentViewer monitoring.dashboardEditor
monitoring.dashboardViewer monitoring.editor monitoring.metricWriter monitoring.metricsScopesAdmin
monitoring.metricsScopesViewer monitoring.notificationChannelEditor monitoring.notificationChannelViewer
monitoring.notificationServiceAgent monitoring.servicesEditor monitoring.servicesViewer
monitoring.snoozeEditor monitoring.snoozeViewer monitoring.uptimeCheckConfigEditor
monitoring.uptimeCheckConfigViewer monitoring.viewer
multiclusteringress.serviceAgent
multiclustermetering.serviceAgent
multiclusterservicediscovery.serviceAgent
navigationconnect.admin navigationconnect.viewer
nestconsole.admin nestconsole.editor nestconsole.homeDeveloperAdmin nestconsole.homeDeveloperEditor
nestconsole.homeDeveloperViewer nestconsole.viewer
netapp.admin netapp.dataExporter netapp.viewer
netappcloudvolumes.admin netappcloudvolumes.viewer
networkactions.serviceAgent
networkconnectivity.consumerNetworkAdmin networkconnectivity.editor networkconnectivity.groupAdmin
networkconnectivity.groupUser networkconnectivity.hubAdmin networkconnectivity.hubUser
networkconnectivity.hubViewer networkconnectivity.multicloudDataTransferConfigAdmin
networkconnectivity.multicloudDataTransferConfigViewer
networkconnectivity.multicloudDataTransferDestinationAdmin
networkconnectivity.multicloudDataTransferDestinationViewer networkconnectivity.regionalEndpointAdmin
networkconnectivity.regionalEndpointViewer networkconnectivity.serviceAgent
networkconnectivity.serviceClassUser networkconnectivity.serviceProducerAdmin networkconnectivity.spokeAdmin
networkconnectivity.transportAdmin networkconnectivity.transportViewer
networkmanagement.CloudNetworkInsightsAdmin networkmanagement.CloudNetworkInsightsEditor
networkmanagement.CloudNetworkInsightsViewer networkmanagement.admin networkmanagement.editor
networkmanagement.serviceAgent networkmanagement.viewer
networksecurity.admin networksecurity.authzServiceAgent networksecurity.dnsThreatDetectorAdmin
networksecurity.dnsThreatDetectorViewer networksecurity.editor networksecurity.firewallEndpointAdmin
networksecurity.interceptDeploymentAdmin networksecurity.interceptDeploymentExternalUser
networksecurity.interceptDeploymentUser networksecurity.interceptDeploymentViewer
networksecurity.interceptEndpointAdmin networksecurity.interceptEndpointUser
networksecurity.interceptEndpointViewer networksecurity.mirroringDeploymentAdmin
networksecurity.mirroringDeploymentExternalUser networksecurity.mirroringDeploymentUser
networksecurity.mirroringDeploymentViewer networksecurity.mirroringEndpointAdmin
networksecurity.mirroringEndpointUser networksecurity.mirroringEndpointViewer
networksecurity.securityProfileAdmin networksecurity.viewer
networkservices.GoogleTagGatewayPolicyAdmin networkservices.admin networkservices.editor
networkservices.serviceExtensionsAdmin networkservices.serviceExtensionsViewer networkservices.viewer
notebooks.admin notebooks.editor notebooks.legacyAdmin notebooks.legacyViewer notebooks.runner
notebooks.viewer
oauthconfig.editor oauthconfig.viewer
observability.admin observability.analyticsUser observability.editor observability.scopesEditor
observability.serviceAgent observability.viewAccessor observability.viewer
oci.serviceAgent
ondemandscanning.admin ondemandscanning.serviceAgent ondemandscanning.viewer
opsconfigmonitoring.admin opsconfigmonitoring.resourceMetadata.viewer
opsconfigmonitoring.resourceMetadata.writer opsconfigmonitoring.viewer
oracledatabase.admin oracledatabase.autonomousDatabaseAdmin oracledatabase.autonomousDatabaseViewer
oracledatabase.cloudExadataInfrastructureAdmin oracledatabase.cloudExadataInfrastructureUser
oracledatabase.cloudExadataInfrastructureViewer oracledatabase.cloudVmClusterAdmin
oracledatabase.cloudVmClusterViewer oracledatabase.databaseViewer oracledatabase.dbSystemAdmin
oracledatabase.dbSystemViewer oracledatabase.exadbVmClusterAdmin oracledatabase.exadbVmClusterViewer
oracledatabase.exascaleDbStorageVaultAdmin oracledatabase.exascaleDbStorageVaultUser
oracledatabase.exascaleDbStorageVaultViewer oracledatabase.goldenGateConnectionAdmin
oracledatabase.goldenGateConnectionAssignmentAdmin oracledatabase.goldenGateConnectionAssignmentViewer
oracledatabase.goldenGateConnectionViewer oracledatabase.goldenGateConnectionsUser
oracledatabase.goldenGateDeploymentAdmin oracledatabase.goldenGateDeploymentViewer
oracledatabase.goldenGateDeploymentsUser oracledatabase.networkAdmin oracledatabase.odbNetworkAdmin
oracledatabase.odbNetworkViewer oracledatabase.odbSubnetAdmin oracledatabase.odbSubnetUser
oracledatabase.odbSubnetViewer oracledatabase.pluggableDatabaseViewer oracledatabase.viewer
orgpolicy.policyViewer
osconfig.admin osconfig.guestPolicyAdmin osconfig.guestPolicyEditor osconfig.guestPolicyViewer
osconfig.instanceOSPoliciesComplianceViewer osconfig.inventoryViewer osconfig.orgBillingConfigViewer
osconfig.osPolicyAssignmentAdmin osconfig.osPolicyAssignmentEditor osconfig.osPolicyAssignmentReportViewer
osconfig.osPolicyAssignmentViewer osconfig.patchDeploymentAdmin osconfig.patchDeploymentViewer
osconfig.patchJobExecutor osconfig.patchJobViewer osconfig.policyOrchestratorAdmin
osconfig.policyOrchestratorViewer osconfig.projectBillingConfigEditor osconfig.projectFeatureSettingsEditor
osconfig.projectFeatureSettingsViewer osconfig.rolloutServiceAgent osconfig.upgradeReportViewer
osconfig.viewer osconfig.vulnerabilityReportViewer
parallelstore.admin parallelstore.serviceAgent parallelstore.viewer
parametermanager.admin parametermanager.editor parametermanager.parameterAccessor
parametermanager.parameterVersionAdder parametermanager.parameterVersionManager
parametermanager.parameterViewer parametermanager.templateAccessor parametermanager.templateVersionManager
parametermanager.templateViewer parametermanager.viewer
paymentsresellersubscription.admin paymentsresellersubscription.partnerAdmin
paymentsresellersubscription.partnerViewer paymentsresellersubscription.productViewer
paymentsresellersubscription.promotionViewer paymentsresellersubscription.subscriptionEditor
paymentsresellersubscription.subscriptionViewer paymentsresellersubscription.userSessionEditor
paymentsresellersubscription.viewer
pivulnscanprovandexec.admin pivulnscanprovandexec.scanner
policyanalyzer.activityAnalysisViewer policyanalyzer.admin policyanalyzer.viewer
policyremediator.serviceAgent
policyremediatormanager.admin policyremediatormanager.policyRemediatorAdmin
policyremediatormanager.policyRemediatorReader policyremediatormanager.viewer
policysimulator.admin policysimulator.orgPolicyAdmin policysimulator.viewer
privateca.admin privateca.auditor privateca.caManager privateca.certificateManager
privateca.certificateRequester privateca.editor privateca.poolReader privateca.templateUser privateca.viewer
privateca.workloadCertificateRequester
privilegedaccessmanager.admin privilegedaccessmanager.approver privilegedaccessmanager.editor
privilegedaccessmanager.requester privilegedaccessmanager.settingsAdmin privilegedaccessmanager.settingsViewer
privilegedaccessmanager.viewer
prodactuation.admin prodactuation.viewer
progressiverollout.serviceAgent
proximitybeacon.admin proximitybeacon.attachmentEditor proximitybeacon.attachmentPublisher
proximitybeacon.attachmentViewer proximitybeacon.beaconEditor proximitybeacon.editor proximitybeacon.viewer
publicca.admin publicca.externalAccountKeyCreator
pubsub.admin pubsub.editor pubsub.publisher pubsub.subscriber pubsub.viewer
pubsublite.admin pubsublite.editor pubsublite.publisher pubsublite.serviceAgent pubsublite.subscriber
pubsublite.viewer
rapidmigrationassessment.serviceAgent
readerrevenuesubscriptionlinking.admin readerrevenuesubscriptionlinking.entitlementsViewer
readerrevenuesubscriptionlinking.viewer
recaptchaenterprise.admin recaptchaenterprise.agent recaptchaenterprise.editor recaptchaenterprise.viewer
recommender.admin recommender.alloydbAdmin recommender.alloydbViewer recommender.appengineversioncostAdmin
recommender.appengineversioncostViewer recommender.bigQueryCapacityCommitmentsAdmin
recommender.bigQueryCapacityCommitmentsBillingAccountAdmin
recommender.bigQueryCapacityCommitmentsBillingAccountViewer
recommender.bigQueryCapacityCommitmentsProjectAdmin recommender.bigQueryCapacityCommitmentsProjectViewer
recommender.bigQueryCapacityCommitmentsViewer recommender.bigqueryMaterializedViewAdmin
recommender.bigqueryMaterializedViewViewer recommender.bigqueryPartitionClusterAdmin
recommender.bigqueryPartitionClusterViewer recommender.bigtableClusterPerformanceAdmin
recommender.bigtableClusterPerformanceViewer recommender.billingAccountCudAdmin
recommender.billingAccountCudViewer recommender.cloudAssetInsightsAdmin recommender.cloudAssetInsightsViewer
recommender.cloudCostRecommendationAdmin recommender.cloudCostRecommendationViewer
recommender.cloudDeprecationRecommendationAdmin recommender.cloudDeprecationRecommendationViewer
recommender.cloudManageabilityRecommendationAdmin recommender.cloudManageabilityRecommendationViewer
recommender.cloudPerformanceRecommendationAdmin recommender.cloudPerformanceRecommendationViewer
recommender.cloudReliabilityRecommendationAdmin recommender.cloudReliabilityRecommendationViewer
recommender.cloudSecurityRecommendationAdmin recommender.cloudSecurityRecommendationViewer
recommender.cloudsqlAdmin recommender.cloudsqlViewer recommender.cloudsqlinstancechangeriskAdmin
recommender.cloudsqlinstancechangeriskViewer recommender.computeAdmin recommender.computeViewer
recommender.containerDiagnosisAdmin recommender.containerDiagnosisViewer recommender.dataflowDiagnosticsAdmin
recommender.dataflowDiagnosticsViewer recommender.editor recommender.errorReportingAdmin
recommender.errorReportingViewer recommender.exporter recommender.firestoredatabasefirebaserulesAdmin
recommender.firestoredatabasefirebaserulesViewer recommender.firestoredatabasereliabilityAdmin
recommender.firestoredatabasereliabilityViewer recommender.firewallAdmin recommender.firewallViewer
recommender.firewallchangeriskAdmin recommender.firewallchangeriskViewer recommender.gmpAdmin
recommender.gmpViewer recommender.iamAdmin recommender.iamViewer recommender.iampolicychangeriskAdmin
recommender.iampolicychangeriskViewer recommender.memorystoremanageabilityAdmin
recommender.memorystoremanageabilityViewer recommender.memorystoreperformanceAdmin
recommender.memorystoreperformanceViewer recommender.memorystorereliabilityAdmin
recommender.memorystorereliabilityViewer recommender.networkAnalyzerAdmin
recommender.networkAnalyzerCloudSqlAdmin recommender.networkAnalyzerCloudSqlViewer
recommender.networkAnalyzerDynamicRouteAdmin recommender.networkAnalyzerDynamicRouteViewer
recommender.networkAnalyzerGkeConnectivityAdmin recommender.networkAnalyzerGkeConnectivityViewer
recommender.networkAnalyzerGkeIpAddressAdmin recommender.networkAnalyzerGkeIpAddressViewer
recommender.networkAnalyzerGkeServiceAccountAdmin recommender.networkAnalyzerGkeServiceAccountViewer
recommender.networkAnalyzerIpAddressAdmin recommender.networkAnalyzerIpAddressViewer
recommender.networkAnalyzerLoadBalancerAdmin recommender.networkAnalyzerLoadBalancerViewer
recommender.networkAnalyzerViewer recommender.networkAnalyzerVpcConnectivityAdmin
recommender.networkAnalyzerVpcConnectivityViewer recommender.orgPolicyAdmin recommender.orgPolicyViewer
recommender.productSuggestionAdmin recommender.productSuggestionViewer recommender.projectCudAdmin
recommender.projectCudViewer recommender.projectUtilAdmin recommender.projectUtilViewer
recommender.recentChangeConfigAdmin recommender.recentchangeriskAdmin recommender.recentchangeriskViewer
recommender.serviceLimitAdmin recommender.serviceLimitViewer recommender.serviceaccntchangeriskAdmin
recommender.serviceaccntchangeriskViewer recommender.spannerAdmin recommender.spannerViewer
recommender.ucsAdmin recommender.ucsViewer recommender.viewer
redis.admin redis.dbConnectionUser redis.editor redis.serviceAgent redis.viewer
redisenterprisecloud.admin redisenterprisecloud.viewer
remotebuildexecution.actionCacheWriter remotebuildexecution.admin remotebuildexecution.artifactAdmin
remotebuildexecution.artifactCreator remotebuildexecution.artifactViewer
remotebuildexecution.configurationAdmin remotebuildexecution.configurationViewer remotebuildexecution.editor
remotebuildexecution.logstreamWriter remotebuildexecution.reservationAdmin remotebuildexecution.serviceAgent
remotebuildexecution.viewer remotebuildexecution.worker
remotingcloud.serviceAgent
resourcemanager.folderCreator resourcemanager.folderEditor resourcemanager.folderMover
resourcemanager.folderViewer resourcemanager.lienModifier resourcemanager.organizationViewer
resourcemanager.projectCreator resourcemanager.projectDeleter resourcemanager.projectMover
resourcemanager.tagAdmin resourcemanager.tagHoldAdmin resourcemanager.tagUser resourcemanager.tagViewer
resourcesettings.admin resourcesettings.viewer
retail.admin retail.editor retail.merchantApprover retail.merchantCreator retail.viewer
riscconfigs.admin riscconfigs.viewer
riskmanager.admin riskmanager.editor riskmanager.reviewer riskmanager.serviceAgent riskmanager.viewer
rma.admin rma.runner rma.viewer
roads.roadsSelectionAdmin roads.roadsSelectionViewer
routeoptimization.admin routeoptimization.editor routeoptimization.viewer
run.admin run.developer run.editor run.invoker run.jobsExecutor run.jobsExecutorWithOverrides
run.servicesInvoker run.sourceViewer run.sshReader run.sshRoot run.viewer
runapps.admin runapps.developer runapps.operator runapps.viewer
runtimeconfig.admin runtimeconfig.editor runtimeconfig.viewer
saasconfig.viewer
saasservicemgmt.admin saasservicemgmt.viewer
seclm.serviceAgent
secretmanager.admin secretmanager.editor secretmanager.secretAccessor secretmanager.secretVersionAdder
secretmanager.secretVersionManager secretmanager.viewer
securedlandingzone.admin securedlandingzone.bqdwOrgRemediator securedlandingzone.overwatchActivator
securedlandingzone.overwatchAdmin securedlandingzone.overwatchViewer securedlandingzone.serviceAgent
securedlandingzone.viewer
securesourcemanager.admin securesourcemanager.developerConnectLinker securesourcemanager.editor
securesourcemanager.instanceAccessor securesourcemanager.instanceManager securesourcemanager.instanceOwner
securesourcemanager.instanceRepositoryCreator securesourcemanager.repoAdmin securesourcemanager.repoCreator
securesourcemanager.repoPullRequestApprover securesourcemanager.repoReader securesourcemanager.repoWriter
securesourcemanager.sshKeyUser securesourcemanager.viewer
securitycenter.adminEditor securitycenter.adminViewer securitycenter.assetSecurityMarksWriter
securitycenter.assetsDiscoveryRunner securitycenter.assetsViewer securitycenter.attackPathsViewer
securitycenter.attackSurfaceManagementScannerServiceAgent securitycenter.automationServiceAgent
securitycenter.bigQueryExportsEditor securitycenter.bigQueryExportsViewer
securitycenter.complianceReportsViewer securitycenter.complianceSnapshotsViewer
securitycenter.controlServiceAgent securitycenter.externalSystemsEditor
securitycenter.findingSecurityMarksWriter securitycenter.findingsBulkMuteEditor securitycenter.findingsEditor
securitycenter.findingsMuteSetter securitycenter.findingsStateSetter securitycenter.findingsViewer
securitycenter.findingsWorkflowStateSetter securitycenter.integrationExecutorServiceAgent
securitycenter.issuesEditor securitycenter.issuesViewer securitycenter.muteConfigsEditor
securitycenter.muteConfigsViewer securitycenter.notificationConfigEditor
securitycenter.notificationConfigViewer securitycenter.notificationServiceAgent
securitycenter.resourceValueConfigsEditor securitycenter.resourceValueConfigsViewer
securitycenter.riskReportsViewer securitycenter.securityHealthAnalyticsCustomModulesTester
securitycenter.securityHealthAnalyticsServiceAgent securitycenter.serviceAgent securitycenter.settingsAdmin
securitycenter.settingsEditor securitycenter.settingsViewer securitycenter.simulationsViewer
securitycenter.sourcesAdmin securitycenter.sourcesEditor securitycenter.sourcesViewer
securitycenter.valuedResourcesViewer
securitycentermanagement.admin securitycentermanagement.customModulesEditor
securitycentermanagement.customModulesViewer securitycentermanagement.editor
securitycentermanagement.etdCustomModulesEditor securitycentermanagement.etdCustomModulesViewer
securitycentermanagement.securityCenterServicesEditor securitycentermanagement.securityCenterServicesViewer
securitycentermanagement.settingsEditor securitycentermanagement.settingsViewer
securitycentermanagement.shaCustomModulesEditor securitycentermanagement.shaCustomModulesViewer
securitycentermanagement.viewer
securityposture.admin securityposture.postureDeployer securityposture.postureDeploymentsViewer
securityposture.postureEditor securityposture.postureViewer securityposture.reportCreator
securityposture.viewer
servicebroker.admin servicebroker.operator
serviceconsumermanagement.admin serviceconsumermanagement.tenancyUnitsAdmin
serviceconsumermanagement.tenancyUnitsViewer serviceconsumermanagement.viewer
servicedirectory.admin servicedirectory.editor servicedirectory.networkAttacher
servicedirectory.pscAuthorizedService servicedirectory.serviceAgent servicedirectory.viewer
servicehealth.admin servicehealth.viewer
servicemanagement.admin servicemanagement.checker servicemanagement.configEditor servicemanagement.editor
servicemanagement.quotaAdmin servicemanagement.quotaViewer servicemanagement.reporter
servicemanagement.serviceConsumer servicemanagement.serviceController servicemanagement.viewer
servicenetworking.admin servicenetworking.editor servicenetworking.networksAdmin
servicenetworking.serviceAgent servicenetworking.viewer
servicesecurityinsights.secuityInsightsViewer servicesecurityinsights.securityInsightsViewer
serviceusage.apiKeysAdmin serviceusage.apiKeysViewer serviceusage.serviceUsageAdmin
serviceusage.serviceUsageConsumer serviceusage.serviceUsageViewer
source.admin source.editor source.reader source.viewer source.writer
spanner.admin spanner.backupAdmin spanner.backupWriter spanner.databaseAdmin spanner.databaseReader
spanner.databaseReaderWithDataBoost spanner.databaseRoleUser spanner.databaseUser spanner.editor
spanner.fineGrainedAccessUser spanner.graphIntelligenceUser spanner.restoreAdmin spanner.viewer
speakerid.admin speakerid.editor speakerid.verifier speakerid.viewer
spectrumsas.serviceAgent
speech.admin speech.client speech.editor
sqlx.serviceAgent
stackdriver.accounts.editor stackdriver.accounts.viewer stackdriver.admin stackdriver.resourceMetadata.writer
stackdriver.viewer
storage.annotationGeneratorService storage.bucketViewer storage.editor storage.expressModeServiceOutput
storage.hmacKeyAdmin storage.insightsCollectorService storage.legacyBucketReader storage.legacyObjectOwner
storage.legacyObjectReader storage.objectViewer storage.viewer
storagebatchoperations.admin storagebatchoperations.viewer
storageinsights.admin storageinsights.analyst storageinsights.serviceAgent storageinsights.viewer
storagetransfer.admin storagetransfer.serviceAgent storagetransfer.transferAgent storagetransfer.user
storagetransfer.viewer
stream.admin stream.contentAdmin stream.contentBuilder stream.instanceAdmin stream.viewer
subscribewithgoogledeveloper.admin subscribewithgoogledeveloper.developer subscribewithgoogledeveloper.viewer
telcoautomation.admin telcoautomation.blueprintDesigner telcoautomation.deploymentAdmin telcoautomation.editor
telcoautomation.opsAdminTier1 telcoautomation.opsAdminTier4 telcoautomation.serviceAgent
telcoautomation.serviceOrchestrator telcoautomation.viewer
telemetry.admin telemetry.consumerAdmin telemetry.editor telemetry.logsWriter telemetry.metricsWriter
telemetry.serviceLogsWriter telemetry.serviceMetricsWriter telemetry.serviceTelemetryWriter
telemetry.serviceTracesWriter telemetry.tracesWriter telemetry.writer
threatdetection.editor threatdetection.viewer
threatintelligence.alertAdmin threatintelligence.alertUser threatintelligence.ctemAdmin
threatintelligence.ctemEditor threatintelligence.ctemProjectAdmin threatintelligence.ctemViewer
timeseriesinsights.admin timeseriesinsights.datasetsEditor timeseriesinsights.datasetsOwner
timeseriesinsights.datasetsViewer timeseriesinsights.viewer
tpu.admin tpu.editor tpu.serviceAgent tpu.viewer tpu.xpnAgent
trafficdirector.admin trafficdirector.client trafficdirector.viewer
transcoder.admin transcoder.editor transcoder.viewer
transferappliance.admin transferappliance.viewer
translationhub.admin translationhub.portalUser translationhub.viewer
vectorsearch.admin vectorsearch.collectionWriter vectorsearch.dataObjectWriter vectorsearch.indexWriter
vectorsearch.viewer
videostitcher.admin videostitcher.user videostitcher.viewer
visionai.admin visionai.analysisEditor visionai.analysisViewer visionai.annotationEditor
visionai.annotationViewer visionai.applicationEditor visionai.applicationViewer visionai.assetCreator
visionai.assetEditor visionai.assetViewer visionai.clusterEditor visionai.clusterViewer visionai.corpusAdmin
visionai.corpusEditor visionai.corpusViewer visionai.corpusWriter visionai.devicesViewer visionai.editor
visionai.eventEditor visionai.eventViewer visionai.indexEndpointAdmin visionai.indexEndpointEditor
visionai.indexEndpointViewer visionai.indexEndpointWriter visionai.operatorEditor visionai.operatorViewer
visionai.packetReceiver visionai.packetSender visionai.processorEditor visionai.processorViewer
visionai.retailcatalogEditor visionai.retailcatalogViewer visionai.retailendpointEditor
visionai.retailendpointViewer visionai.seriesEditor visionai.seriesViewer visionai.streamEditor
visionai.streamViewer visionai.uiStreamEditor visionai.uiStreamViewer visionai.viewer
visualinspection.admin visualinspection.editor visualinspection.usageMetricsReporter visualinspection.viewer
vmmigration.admin vmmigration.serviceAgent vmmigration.viewer
vmwareengine.admin vmwareengine.editor vmwareengine.serviceAgent vmwareengine.viewer
vmwareengine.vmwareengineAdmin vmwareengine.vmwareenginePrivilegedUser vmwareengine.vmwareengineViewer
vpcaccess.admin vpcaccess.serviceAgent vpcaccess.user vpcaccess.viewer
websecurityscanner.serviceAgent
workflows.admin workflows.editor workflows.invoker workflows.viewer
workloadcertificate.admin workloadcertificate.registrationAdmin workloadcertificate.registrationViewer
workloadcertificate.serviceAgent workloadcertificate.viewer
workloadidentity.admin workloadidentity.viewer
workloadmanager.admin workloadmanager.deploymentAdmin workloadmanager.deploymentViewer
workloadmanager.evaluationAdmin workloadmanager.evaluationViewer workloadmanager.evaluationWorker
workloadmanager.insightWriter workloadmanager.sapSystemViewer workloadmanager.serviceAgent
workloadmanager.viewer workloadmanager.worker workloadmanager.workloadViewer
workstations.admin workstations.editor workstations.networkAdmin workstations.operationViewer
workstations.policyAdmin workstations.user workstations.workstationCreator
workstations.workstationLimitExemptedCreator workstations.workstationUser
`;

let withoutTrustPermissions: ReadonlySet<string> | undefined;

/**
 * The predefined roles (`roles/NAME`) that hold none of the trust-chain permissions: built on first use, so that
 * a command that judges no grant does not pay for it.
 */
export function predefinedRolesWithoutTrustPermissions(): ReadonlySet<string> {
  withoutTrustPermissions ??= new Set(
    ROLES_WITHOUT_TRUST_PERMISSIONS.split(/\s+/)
      .filter((name) => name !== '')
      .map((name) => `roles/${name}`),
  );
  return withoutTrustPermissions;
}

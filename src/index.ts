export * from './admission-decision';
export * from './admission-rule';
export * from './attestor';
export * from './cloud-run-guardrail';
export * from './deployment-path';
export * from './policy';
export * from './attestor-key';
export * from './iam-member';

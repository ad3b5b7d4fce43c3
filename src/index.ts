export * from './admission-rule';
export * from './attestor';
export * from './breakglass';
export * from './cloud-run-guardrail';
export * from './deployment-path';
export * from './policy';
export * from './require-binary-authorization';

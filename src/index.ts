export * from './admission-rule';
export * from './attestor';
export * from './deployment-path';
export * from './policy';
export * from './breakglass';
export * from './require-binary-authorization';

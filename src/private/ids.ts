import { DefaultTokenResolver, StringConcat, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * A piece of a child construct id made from a value that may hold tokens (cdktf refuses tokens in ids).
 * A token is replaced by the Terraform expression it resolves to, such as
 * `google_service_account.ci_1234.email`: stable as long as what it references is. `/`, which ids cannot
 * hold, becomes `_`.
 */
export function idPart(scope: IConstruct, value: string): string {
  const text = Token.isUnresolved(value)
    ? String(
        Tokenization.resolve(value, { scope, resolver: new DefaultTokenResolver(new StringConcat()), preparing: true }),
      )
    : value;
  return text.replace(/\$\{|\}/g, '').replace(/\//g, '_');
}

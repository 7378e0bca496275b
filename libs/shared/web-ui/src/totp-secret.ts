/** A base32 TOTP secret in groups of four (`JBSW Y3DP …`), easier to copy by hand into an authenticator app. */
export function groupTotpSecret(secret: string): string {
  return (secret.replace(/[\s=]/g, '').toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

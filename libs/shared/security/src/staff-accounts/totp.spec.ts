import { generate } from 'otplib';
import { acceptedTotpStep, newTotpSecret, TOTP_PERIOD_SECONDS, totpUri } from './totp';

const T0 = new Date('2026-06-01T12:00:00.000Z'); // the start of a 30-second step
const step = (date: Date) => Math.floor(date.getTime() / 1000 / TOTP_PERIOD_SECONDS);
const at = (offsetSeconds: number) => new Date(T0.getTime() + offsetSeconds * 1000);
const codeAt = (secret: string, date: Date) => generate({ secret, epoch: Math.floor(date.getTime() / 1000), period: TOTP_PERIOD_SECONDS });

describe('TOTP codes (RFC 6238)', () => {
  const secret = newTotpSecret();

  it('makes 160-bit base32 secrets and an otpauth URI an authenticator app can import', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri('Vigil tipline', 'analyst', secret));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Vigil tipline');
    expect(decodeURIComponent(uri.pathname)).toContain('analyst');
  });

  it('accepts the current code and the codes one step either side, and nothing further', async () => {
    const now = at(10);
    expect(await acceptedTotpStep(secret, await codeAt(secret, now), now)).toBe(step(now));
    expect(await acceptedTotpStep(secret, await codeAt(secret, at(-20)), now)).toBe(step(now) - 1);
    expect(await acceptedTotpStep(secret, await codeAt(secret, at(35)), now)).toBe(step(now) + 1);
    expect(await acceptedTotpStep(secret, await codeAt(secret, at(-50)), now)).toBeUndefined();
    expect(await acceptedTotpStep(secret, await codeAt(secret, at(70)), now)).toBeUndefined();
  });

  it('refuses a code whose step was already used (a replay), but takes a later one', async () => {
    const now = at(5);
    const code = await codeAt(secret, now);
    const used = await acceptedTotpStep(secret, code, now);
    expect(used).toBe(step(now));
    expect(await acceptedTotpStep(secret, code, at(15), used)).toBeUndefined();
    const next = at(31);
    expect(await acceptedTotpStep(secret, await codeAt(secret, next), next, used)).toBe(step(now) + 1);
  });

  it("refuses another secret's code and anything that is not six digits", async () => {
    const now = at(0);
    expect(await acceptedTotpStep(newTotpSecret(), await codeAt(secret, now), now)).toBeUndefined();
    for (const bad of ['', '12345', '1234567', 'abcdef', ' 123456']) expect(await acceptedTotpStep(secret, bad, now)).toBeUndefined();
  });
});

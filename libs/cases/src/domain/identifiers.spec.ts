import { identifier, identifiersInText, LINK_REASON_CODES, sharedIdentifiers, usernameIdentifier } from './identifiers';

describe('suspect identifiers', () => {
  it('normalises values so one account written two ways is recognised', () => {
    expect(identifier('email', ' Suspect@Example.COM ', 's')?.value).toBe('suspect@example.com');
    expect(identifier('phone', '(613) 555-0100', 's')?.value).toBe('+16135550100');
    expect(identifier('phone', '+44 20 7946 0958', 's')?.value).toBe('+442079460958');
    expect(identifier('phone', '12', 's')).toBeUndefined();
    expect(usernameIdentifier('Example_User', 'Example Social', 's')?.value).toBe('example_user@example social');
    expect(usernameIdentifier('alex', undefined, 's')).toBeUndefined();
  });

  it('reads e-mails, phone numbers and IPv4 addresses from free text', () => {
    const found = identifiersInText('Contact from Suspect@example.com, phone 613-555-0100, seen at 192.0.2.10.', 'summary');
    expect(found.map((item) => `${item.kind}:${item.value}`)).toEqual(['email:suspect@example.com', 'phone:+16135550100', 'ip:192.0.2.10']);
  });

  it('keeps where an identifier was found as English text, with its provenance code and values when given one', () => {
    expect(identifier('email', 'A@Example.com', 'summary')).toEqual({ kind: 'email', value: 'a@example.com', source: 'summary' });
    expect(identifier('ip', '192.0.2.10', { source: 'NCMEC reported user (Login)', sourceCode: 'ncmec-ip-capture', sourceValues: { event: 'Login' } }, '2026-11-20T08:00:00Z')).toEqual({
      kind: 'ip', value: '192.0.2.10', observedAt: '2026-11-20T08:00:00Z', source: 'NCMEC reported user (Login)', sourceCode: 'ncmec-ip-capture', sourceValues: { event: 'Login' },
    });
    const found = identifiersInText('write to x@example.com', { source: 'tipline escalation summary', sourceCode: 'tipline-summary', sourceValues: {} });
    expect(found).toEqual([{ kind: 'email', value: 'x@example.com', source: 'tipline escalation summary', sourceCode: 'tipline-summary' }]);
  });

  it('shares strong identifiers outright, IP addresses only when seen close in time', () => {
    const mine = [identifier('email', 'a@example.com', 'x')!, identifier('ip', '192.0.2.1', 'x', '2026-01-01T00:00:00Z')!];
    const near = [identifier('email', 'A@example.com', 'y')!, identifier('ip', '192.0.2.1', 'y', '2026-01-01T20:00:00Z')!];
    const far = [identifier('ip', '192.0.2.1', 'y', '2026-01-03T00:00:00Z')!];
    expect(sharedIdentifiers(mine, near)).toEqual([
      { kind: 'email', value: 'a@example.com', strong: true, reason: 'same email a@example.com', code: 'same-identifier', values: { kind: 'email', value: 'a@example.com' } },
      { kind: 'ip', value: '192.0.2.1', strong: false, reason: 'IP 192.0.2.1 seen 20.0 h apart (within 24 h)', code: 'ip-close-in-time', values: { ip: '192.0.2.1', hours: 20, windowHours: 24 } },
    ]);
    expect(sharedIdentifiers(mine, far)).toEqual([]);
  });

  it('gives each link reason as a code with its values, beside the English sentence', () => {
    const mine = [identifier('phone', '613-555-0100', 'x')!, identifier('username', 'Alex', 'x')!, identifier('ip', '192.0.2.1', 'x', '2026-01-01T00:00:00Z')!];
    const theirs = [identifier('phone', '+1 613 555 0100', 'y')!, identifier('username', 'alex', 'y')!, identifier('ip', '192.0.2.1', 'y', '2026-01-01T01:15:00Z')!];
    expect(sharedIdentifiers(mine, theirs).map(({ code, values, reason }) => ({ code, values, reason }))).toEqual([
      { code: 'same-identifier', values: { kind: 'phone', value: '+16135550100' }, reason: 'same phone +16135550100' },
      { code: 'same-identifier', values: { kind: 'username', value: 'alex' }, reason: 'same username alex' },
      { code: 'ip-close-in-time', values: { ip: '192.0.2.1', hours: 1.3, windowHours: 24 }, reason: 'IP 192.0.2.1 seen 1.3 h apart (within 24 h)' },
    ]);
    for (const shared of sharedIdentifiers(mine, theirs)) expect(LINK_REASON_CODES).toContain(shared.code);
  });
});

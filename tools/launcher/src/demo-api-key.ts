import { login, requestJson } from './demo-seed';

export const DEMO_PARTNER_ID = 'demo-industry';

/**
 * A demo industry partner's API key for the match API (scopes match and bank-changes), made
 * through the admin API like any other key. A key is shown only when it is created, so each
 * start revokes the previous demo key and issues a fresh one to print.
 */
export async function createDemoApiKey(hashDetectionUrl: string): Promise<string> {
  const token = await login(hashDetectionUrl, 'admin');
  const existing = await requestJson<Array<{ keyId: string; partnerId: string; status: string }>>(`${hashDetectionUrl}/api/v1/api-keys`, { token });
  for (const key of existing.body.filter((candidate) => candidate.partnerId === DEMO_PARTNER_ID && candidate.status === 'active')) {
    await requestJson(`${hashDetectionUrl}/api/v1/api-keys/${key.keyId}/revoke`, { method: 'POST', token });
  }
  const created = await requestJson<{ key: string }>(`${hashDetectionUrl}/api/v1/api-keys`, {
    method: 'POST',
    token,
    body: JSON.stringify({ partnerId: DEMO_PARTNER_ID, partnerName: 'Demo industry partner', scopes: ['match', 'bank-changes'] }),
  });
  if (created.status !== 201) throw new Error(`could not create the demo API key: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.key;
}

import { login, requestJson } from './demo-seed';

/** The demo report whose URL gets a takedown notice (see seedDemoData). */
export const DEMO_TAKEDOWN_URL = 'https://example.org/demo/forum/thread-1';

const DEMO_PROVIDERS = [
  { name: 'Example Hosting Ltd', hostSuffixes: ['example.org'], contactEmail: 'abuse@example.org', country: 'CA' },
  { name: 'Demo CDN', hostSuffixes: ['example.net'], contactEmail: 'abuse@example.net', country: 'US' },
];

/**
 * Demo takedown data, through the API: two hosting providers, and a notice for the demo CSAM
 * report's URL as if an analyst had confirmed it. Notices go by email, which without
 * TAKEDOWN_SMTP_URL is only rendered (nothing leaves the machine); example.org is a reserved
 * name, so the removal checker does not probe it either.
 */
export async function seedDemoTakedown(hashDetection: string): Promise<void> {
  const token = await login(hashDetection, 'admin');
  const existing = await requestJson<Array<{ name: string }>>(`${hashDetection}/api/v1/providers`, { token });
  for (const provider of DEMO_PROVIDERS) {
    if (existing.body.some((known) => known.name === provider.name)) continue;
    const created = await requestJson(`${hashDetection}/api/v1/providers`, { method: 'POST', token, body: JSON.stringify(provider) });
    if (created.status !== 201) throw new Error(`registering demo provider ${provider.name} answered ${created.status}: ${JSON.stringify(created.body)}`);
  }
  // The report's URL reaches hash-detection through the bus: wait for it to be listed.
  const deadline = Date.now() + 20000;
  for (;;) {
    const listed = await requestJson<Array<{ id: string; url: string; status: string }>>(`${hashDetection}/api/v1/urls`, { token });
    const url = listed.body.find((candidate) => candidate.url === DEMO_TAKEDOWN_URL);
    if (url) {
      const issued = await requestJson(`${hashDetection}/api/v1/urls/${url.id}/notices`, { method: 'POST', token, body: JSON.stringify({ reason: 'Demo: confirmed by the demo analyst' }) });
      if (issued.status !== 201) throw new Error(`issuing the demo notice answered ${issued.status}: ${JSON.stringify(issued.body)}`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`the demo URL ${DEMO_TAKEDOWN_URL} was not listed by hash-detection within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostingProviderProps } from '../../domain/hosting-provider';
import { newNotice } from '../../domain/notice';
import { noticeDocument } from '../../domain/notice-document';
import { EmailNoticeSender } from './email-notice-sender';
import { HttpNoticeSender } from './http-notice-sender';
import { ProviderChannelNoticeSender } from './provider-channel-notice-sender';

const provider: HostingProviderProps = { id: 'p1', name: 'Example Hosting Ltd', hostSuffixes: ['example.org'], contactEmail: 'abuse@example.org', country: 'CA', createdAt: 't', updatedAt: 't' };
const document = noticeDocument({
  notice: newNotice({ id: 'n1', urlId: 'u1', providerId: 'p1', at: new Date('2026-11-23T10:00:00Z'), issuedBy: 'analyst', reason: 'confirmed' }),
  url: { url: 'https://example.org/a', host: 'example.org', classification: 'csam-a1', firstReportedAt: '2026-11-23T09:00:00.000Z' },
  provider,
});

describe('notice senders', () => {
  let server: Server;
  let base: string;
  let status = 202;
  const received: Array<{ headers: IncomingHttpHeaders; body: unknown }> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: JSON.parse(body) });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('POSTs the notice as JSON to the webhook with an idempotency key, and fails on a non-2xx answer', async () => {
    const sender = new HttpNoticeSender({ timeoutMs: 2000 });
    const withHook = { ...provider, noticeWebhookUrl: `${base}/notices` };
    expect(await sender.send(withHook, document)).toEqual({ channel: 'webhook', detail: `HTTP 202 from ${new URL(base).host}` });
    expect(received[0].headers['idempotency-key']).toBe('n1:1');
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(received[0].body).toEqual(document.json);
    status = 500;
    await expect(sender.send(withHook, document)).rejects.toThrow('the notice webhook answered HTTP 500');
    status = 202;
  });

  it('renders the email without sending it when no SMTP relay is configured', async () => {
    const rendered: string[] = [];
    const sender = new EmailNoticeSender({ from: 'takedown@vigil.invalid', onRendered: (message) => rendered.push(message) });
    const receipt = await sender.send(provider, document);
    expect(receipt).toEqual({ channel: 'email (not sent: no SMTP configured)', detail: 'rendered <notice-n1-1@vigil.invalid> for abuse@example.org' });
    expect(rendered).toEqual(['notice n1 (attempt 1) to abuse@example.org rendered, not sent (no TAKEDOWN_SMTP_URL)']);
  });

  it('uses the webhook when the provider has one, email otherwise', async () => {
    const calls: string[] = [];
    const fake = (name: string) => ({ send: async () => (calls.push(name), { channel: name, detail: '' }) });
    const router = new ProviderChannelNoticeSender(fake('webhook'), fake('email'));
    await router.send({ ...provider, noticeWebhookUrl: 'https://abuse.example.org/hook' }, document);
    await router.send(provider, document);
    expect(calls).toEqual(['webhook', 'email']);
  });
});

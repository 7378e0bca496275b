import { ValidationError } from '@vigil/kernel';

/** A hosting provider (or CDN, file host, platform) that receives takedown notices. */
export interface HostingProviderProps {
  id: string;
  name: string;
  /** Hosts it serves: "example.org" covers example.org and every subdomain of it. */
  hostSuffixes: string[];
  /** Notices go to the webhook when there is one, otherwise by email. At least one is required. */
  contactEmail?: string;
  noticeWebhookUrl?: string;
  /** ISO 3166-1 alpha-2 country of the provider (the law its notices cite). */
  country: string;
  createdAt: string;
  updatedAt: string;
}

const HOST_SUFFIX = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks a provider's fields and normalises them, naming the field that is wrong. */
export function validateProvider(props: HostingProviderProps): HostingProviderProps {
  const name = props.name.trim();
  if (!name) throw new ValidationError('name: a provider needs a name', 'name');
  const hostSuffixes = [...new Set(props.hostSuffixes.map((suffix) => suffix.trim().toLowerCase().replace(/\.$/, '')))];
  if (hostSuffixes.length === 0) throw new ValidationError('hostSuffixes: list at least one host the provider serves, e.g. example.org', 'hostSuffixes');
  for (const suffix of hostSuffixes) {
    if (!HOST_SUFFIX.test(suffix)) throw new ValidationError(`hostSuffixes: "${suffix}" is not a host name (no scheme, path or port: e.g. example.org)`, 'hostSuffixes');
  }
  if (!props.contactEmail && !props.noticeWebhookUrl) {
    throw new ValidationError('contactEmail: a provider needs a contact email or a notice webhook URL to receive notices', 'contactEmail');
  }
  if (props.contactEmail && !EMAIL.test(props.contactEmail)) throw new ValidationError('contactEmail: not an email address', 'contactEmail');
  if (props.noticeWebhookUrl && !/^https?:\/\//.test(props.noticeWebhookUrl)) {
    throw new ValidationError('noticeWebhookUrl: must be an http(s) address', 'noticeWebhookUrl');
  }
  const country = props.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new ValidationError('country: an ISO 3166-1 alpha-2 code, e.g. CA', 'country');
  return { ...props, name, hostSuffixes, country };
}

/**
 * The provider serving a host: the one with the longest matching suffix, so a CDN listed for
 * "cdn.example.net" wins over the registrar-level "example.net".
 */
export function providerForHost<T extends Pick<HostingProviderProps, 'hostSuffixes'>>(host: string, providers: readonly T[]): T | undefined {
  let best: { provider: T; length: number } | undefined;
  for (const provider of providers) {
    for (const suffix of provider.hostSuffixes) {
      const matches = host === suffix || host.endsWith(`.${suffix}`);
      if (matches && (!best || suffix.length > best.length)) best = { provider, length: suffix.length };
    }
  }
  return best?.provider;
}

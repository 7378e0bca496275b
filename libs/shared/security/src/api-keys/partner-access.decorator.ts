import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';

export const PARTNER_SCOPES = 'vigil:partner-scopes';

/** API-key scopes a partner (industry, police service, foreign hotline) can be granted. */
export const PARTNER_SCOPE_VALUES = ['match', 'bank-changes', 'industry-reports', 'referrals'] as const;
export type PartnerScope = (typeof PARTNER_SCOPE_VALUES)[number];

/** The partner behind an API key, set on the request once its key is verified. */
export interface PartnerPrincipal {
  keyId: string;
  partnerId: string;
  partnerName: string;
  scopes: PartnerScope[];
  /** This key's own request budget per minute; the service default applies when absent. */
  rateLimitPerMinute?: number;
}

/**
 * Also open to partners presenting an API key that holds one of these scopes (staff with the
 * route's roles still pass with their token). Without this marker a route refuses API keys.
 */
export const PartnerAccess = (...scopes: PartnerScope[]) => SetMetadata(PARTNER_SCOPES, scopes);

/** The partner calling, or undefined when a staff member is. */
export const CurrentPartner = createParamDecorator((_data: unknown, context: ExecutionContext): PartnerPrincipal | undefined => {
  return context.switchToHttp().getRequest<{ partner?: PartnerPrincipal }>().partner;
});

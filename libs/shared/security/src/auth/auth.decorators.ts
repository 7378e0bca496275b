import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { StaffRole, StaffUser } from './staff-directory';

export const PUBLIC_ROUTE = 'vigil:public';
export const REQUIRED_ROLES = 'vigil:roles';
export const ENROLMENT_TOKEN_ACCEPTED = 'vigil:enrolment-token-accepted';

/** Open to anyone, signed in or not (public report form, login, health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Open to staff holding any of these roles (admin always passes). */
export const Roles = (...roles: StaffRole[]) => SetMetadata(REQUIRED_ROLES, roles);

/**
 * Also open to the short-lived token of a staff member who must enrol an authenticator app
 * before anything else (TOTP required, not enrolled yet). Every other route refuses that token.
 */
export const AcceptsEnrolmentToken = () => SetMetadata(ENROLMENT_TOKEN_ACCEPTED, true);

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): StaffUser => {
  return context.switchToHttp().getRequest<{ user: StaffUser }>().user;
});

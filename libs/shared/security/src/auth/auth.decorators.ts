import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { StaffRole, StaffUser } from './staff-directory';

export const PUBLIC_ROUTE = 'vigil:public';
export const REQUIRED_ROLES = 'vigil:roles';

/** Open to anyone, signed in or not (public report form, login, health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Open to staff holding any of these roles (admin always passes). */
export const Roles = (...roles: StaffRole[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): StaffUser => {
  return context.switchToHttp().getRequest<{ user: StaffUser }>().user;
});

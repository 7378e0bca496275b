import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { PARTNER_SCOPES, PUBLIC_ROUTE, REQUIRED_ROLES, type PartnerScope, type StaffRole } from '@vigil/security';
import type { RoutePolicy } from './authorization-policy';

/** One HTTP route as the app's router serves it: `GET /api/v1/cases/:id`. */
export type RouteKey = `${string} ${string}`;

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  name?: string;
  rawPath?: string | string[] | RegExp;
  handle?: { stack?: RouterLayer[] };
}

/**
 * Every route the running app answers, read from the Express router stack rather than the
 * OpenAPI document, so a handler hidden from Swagger (or mounted on Express directly) is
 * listed too. Mounted sub-routers (a Bull Board, say) are walked into; middleware that is
 * mounted on a path but is not a router is listed as `USE /path`, so it still needs a policy.
 */
export function servedRoutes(app: INestApplication): RouteKey[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: RouterLayer[] }; _router?: { stack: RouterLayer[] } };
  const router = express.router ?? express._router;
  if (!router) throw new Error('the app has no Express router: is it an Express app that has been initialised?');
  const routes = new Set<RouteKey>();
  walk(router.stack, '', routes);
  return [...routes].sort();
}

function walk(stack: RouterLayer[], prefix: string, routes: Set<RouteKey>): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const path of paths) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') routes.add(`${method.toUpperCase()} ${join(prefix, path)}`);
          if (on && method === '_all') routes.add(`ALL ${join(prefix, path)}`);
        }
      }
      continue;
    }
    const mountPath = typeof layer.rawPath === 'string' ? layer.rawPath : undefined;
    const mounted = mountPath !== undefined && mountPath !== '/' && mountPath !== '';
    if (layer.handle?.stack && Array.isArray(layer.handle.stack)) {
      walk(layer.handle.stack, mounted ? join(prefix, mountPath) : prefix, routes);
    } else if (mounted) {
      routes.add(`USE ${join(prefix, mountPath)}`);
    } else if (layer.rawPath instanceof RegExp || Array.isArray(layer.rawPath)) {
      routes.add(`USE ${String(layer.rawPath)}`);
    }
  }
}

function join(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
}

/**
 * The decision each Nest route's decorators make today (@Public, @Roles, @PartnerAccess), as a
 * policy entry: offered in the failure message for a route the policy lacks, to be reviewed
 * before it is pasted. Routes mounted outside Nest have none.
 */
export function decoratorDecisions(app: INestApplication): Map<RouteKey, RoutePolicy> {
  const decisions = new Map<RouteKey, RoutePolicy>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as unknown as (new (...args: never[]) => object) | undefined;
      if (!controller) continue;
      const bases = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const read = <T>(name: string): T | undefined => Reflect.getMetadata(name, handler) ?? Reflect.getMetadata(name, controller);
        const roles = read<StaffRole[]>(REQUIRED_ROLES);
        const partner = read<PartnerScope[]>(PARTNER_SCOPES)?.[0];
        const decision: RoutePolicy = read<boolean>(PUBLIC_ROUTE) ? { public: true } : { roles: roles && roles.length > 0 ? roles : 'any-staff', ...(partner ? { partner } : {}) };
        for (const base of bases) for (const path of ([] as string[]).concat(paths)) decisions.set(`${method} ${join(join('/', base), path)}`, decision);
      }
    }
  }
  return decisions;
}

import type { Type } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { type Permission, POLICY_KEY, type PolicyMeta } from '../../auth/policy.js';

/**
 * The permission of each POST route of a controller, by its path below `:reference/`: for specs
 * that check a page asks the same permission as the JSON route of the same action.
 */
export function routePermissions(controller: Type): Record<string, Permission> {
  const out: Record<string, Permission> = {};
  const proto = controller.prototype as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(proto)) {
    const handler = proto[key];
    if (key === 'constructor' || typeof handler !== 'function') continue;
    if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
    const path = String(Reflect.getMetadata(PATH_METADATA, handler));
    const policy = Reflect.getMetadata(POLICY_KEY, handler) as PolicyMeta | undefined;
    if (path.startsWith(':reference/') && policy && 'permission' in policy)
      out[path.slice(':reference/'.length)] = policy.permission;
  }
  return out;
}

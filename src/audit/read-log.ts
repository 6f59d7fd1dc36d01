import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, mergeMap, Observable } from 'rxjs';
import type { StaffRequest } from '../auth/auth.guard.js';
import { ReadsRepository } from './reads.repository.js';

const READ_LOG_KEY = 'bow:read-log';

/**
 * Logs every staff read of a case (who, which case, which route, when) after it succeeded.
 * Put it on every route or page that shows one case; `param` names the route parameter that
 * holds the case reference. [decision, domain-rules.md section 6]
 */
@Injectable()
export class CaseReadLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly reads: ReadsRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const param = this.reflector.get<string>(READ_LOG_KEY, context.getHandler()) ?? 'reference';
    const request = context.switchToHttp().getRequest<StaffRequest & { params: Record<string, string> }>();
    return next.handle().pipe(
      mergeMap((result) =>
        from(
          (async () => {
            const user = request.staff?.user;
            const reference = request.params?.[param];
            if (user && reference) {
              await this.reads.insert(user.id, [reference], request.routeOptions?.url ?? request.url);
            }
            return result;
          })(),
        ),
      ),
    );
  }
}

export const LogCaseRead = (param = 'reference') =>
  applyDecorators(SetMetadata(READ_LOG_KEY, param), UseInterceptors(CaseReadLogInterceptor));

import { applyDecorators, Controller, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageErrorFilter } from './page-errors.js';

/** A controller of HTML pages under `path`: left out of the OpenAPI document, errors shown as pages. */
export const Pages = (path: string) =>
  applyDecorators(ApiExcludeController(), Controller(path), UseFilters(PageErrorFilter));

// Names for the shapes the web uses, taken from the generated document by route so they follow the API.
import type { paths } from './schema';

export type Me = paths['/api/me']['get']['responses'][200]['content']['application/json'];
export type Role = Me['roles'][number];
export type Locale = Me['locale'];
export type LoginBody = NonNullable<
  paths['/api/auth/login']['post']['requestBody']
>['content']['application/json'];

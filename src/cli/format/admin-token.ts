// The start banner's lines about the admin token, printed once: the console's sign-in URL (which
// swaps the token for a cookie) and where the CLI finds the token.
import type { AdminToken } from '../../server/admin-token.ts';
import { keyValueTable } from './table.ts';

export function formatAdminToken(adminUrl: string, admin: AdminToken): string {
  const kept = admin.file === undefined
    ? 'in memory only: set FASTROUTE_ADMIN_TOKEN for the CLI'
    : `${admin.file} (mode 0600; the CLI reads it, or FASTROUTE_ADMIN_TOKEN)`;
  return [
    'The admin API requires this token (Authorization: Bearer <token>):',
    keyValueTable([
      ['Admin token', admin.token],
      ['Kept in', kept],
      ['Console sign-in', `${adminUrl}/?token=${admin.token}`],
    ]),
  ].join('\n');
}

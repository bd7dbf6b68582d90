// The side menu: the routes marked `meta.menu` that the user's role may open.
import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '@/api/types';
import { roleMayOpen } from '@/store/user';
import { routes } from './routes';

export interface MenuItem {
  name: string;
  title: string;
  icon: string;
  activeFor: string[];
}

function collect(records: RouteRecordRaw[], out: RouteRecordRaw[]): void {
  for (const record of records) {
    if (record.meta?.menu) out.push(record);
    if (record.children) collect(record.children, out);
  }
}

export function menuFor(role: Role | undefined): MenuItem[] {
  const records: RouteRecordRaw[] = [];
  collect(routes, records);
  return records
    .filter((r) => !r.meta?.page || roleMayOpen(role, r.meta.page))
    .sort((a, b) => (a.meta!.menu!.order ?? 0) - (b.meta!.menu!.order ?? 0))
    .map((r) => ({
      name: String(r.name),
      title: r.meta!.title ?? '',
      icon: r.meta!.menu!.icon,
      activeFor: [String(r.name), ...(r.meta!.menu!.activeFor ?? [])],
    }));
}

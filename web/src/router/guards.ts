// Navigation guards: sign-in, the forced password change, and pages by role.
import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router';
import { useUserStore } from '@/store/user';
import { i18n } from '@/locales';

/** Where a navigation to `to` must go instead, or true to let it through. */
export async function guard(to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
  const user = useUserStore();
  if (to.meta.public) {
    if (to.name === 'login' && (await user.ensureChecked()) && !user.mustChangePassword) {
      const redirect = typeof to.query.redirect === 'string' ? to.query.redirect : '';
      return redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : { name: 'home' };
    }
    return true;
  }
  if (!(await user.ensureChecked())) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  if (user.mustChangePassword && to.name !== 'change-password') {
    return { name: 'change-password', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  if (to.meta.page && !user.mayOpen(to.meta.page)) {
    return { name: 'forbidden', query: { from: to.fullPath } };
  }
  return true;
}

export function installGuards(router: Router): void {
  router.beforeEach((to) => guard(to));
  router.afterEach((to) => {
    const title = i18n.global.t('app.title');
    document.title = to.meta.title ? `${i18n.global.t(to.meta.title)} · ${title}` : title;
  });
}

/** A safe in-app path from a `redirect` query value, else the role's landing page (route `home`). */
export function redirectTarget(value: unknown): RouteLocationRaw {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : { name: 'home' };
}

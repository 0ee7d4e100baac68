import '@adonisjs/inertia/types'

import type { VNodeProps, AllowedComponentProps, ComponentInstance } from 'vue'

type ExtractProps<T> = Omit<
  ComponentInstance<T>['$props'],
  keyof VNodeProps | keyof AllowedComponentProps
>

declare module '@adonisjs/inertia/types' {
  export interface InertiaPages {
    'admin/audit': ExtractProps<(typeof import('../../resources/js/pages/admin/audit.vue'))['default']>
    'admin/dashboard': ExtractProps<(typeof import('../../resources/js/pages/admin/dashboard.vue'))['default']>
    'admin/plugin_page': ExtractProps<(typeof import('../../resources/js/pages/admin/plugin_page.vue'))['default']>
    'admin/plugin': ExtractProps<(typeof import('../../resources/js/pages/admin/plugin.vue'))['default']>
    'admin/plugins': ExtractProps<(typeof import('../../resources/js/pages/admin/plugins.vue'))['default']>
    'admin/project': ExtractProps<(typeof import('../../resources/js/pages/admin/project.vue'))['default']>
    'admin/projects': ExtractProps<(typeof import('../../resources/js/pages/admin/projects.vue'))['default']>
    'admin/settings': ExtractProps<(typeof import('../../resources/js/pages/admin/settings.vue'))['default']>
    'admin/users': ExtractProps<(typeof import('../../resources/js/pages/admin/users.vue'))['default']>
    'app/home': ExtractProps<(typeof import('../../resources/js/pages/app/home.vue'))['default']>
    'app/profile': ExtractProps<(typeof import('../../resources/js/pages/app/profile.vue'))['default']>
    'app/project_tab': ExtractProps<(typeof import('../../resources/js/pages/app/project_tab.vue'))['default']>
    'app/project': ExtractProps<(typeof import('../../resources/js/pages/app/project.vue'))['default']>
    'app/tokens': ExtractProps<(typeof import('../../resources/js/pages/app/tokens.vue'))['default']>
    'auth/login': ExtractProps<(typeof import('../../resources/js/pages/auth/login.vue'))['default']>
    'errors/forbidden': ExtractProps<(typeof import('../../resources/js/pages/errors/forbidden.vue'))['default']>
    'errors/not_found': ExtractProps<(typeof import('../../resources/js/pages/errors/not_found.vue'))['default']>
    'platform/login': ExtractProps<(typeof import('../../resources/js/pages/platform/login.vue'))['default']>
    'platform/tenants': ExtractProps<(typeof import('../../resources/js/pages/platform/tenants.vue'))['default']>
  }
}

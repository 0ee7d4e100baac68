import '@adonisjs/inertia/types'

import type { VNodeProps, AllowedComponentProps, ComponentInstance } from 'vue'

type ExtractProps<T> = Omit<
  ComponentInstance<T>['$props'],
  keyof VNodeProps | keyof AllowedComponentProps
>

declare module '@adonisjs/inertia/types' {
  export interface InertiaPages {
    'admin/dashboard': ExtractProps<(typeof import('../../resources/js/pages/admin/dashboard.vue'))['default']>
    'auth/login': ExtractProps<(typeof import('../../resources/js/pages/auth/login.vue'))['default']>
    'errors/forbidden': ExtractProps<(typeof import('../../resources/js/pages/errors/forbidden.vue'))['default']>
    'errors/not_found': ExtractProps<(typeof import('../../resources/js/pages/errors/not_found.vue'))['default']>
  }
}

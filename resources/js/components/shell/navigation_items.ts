import type { NavigationMenuItem } from '@nuxt/ui'
import { isCurrentPath, type NavProgram } from '~/lib/shared'

/** The workspace part of the sidebar: home, then each program with its projects. */
export function workspaceItems(url: string, programs: NavProgram[]): NavigationMenuItem[][] {
  const home: NavigationMenuItem[] = [
    { label: 'Home', icon: 'i-lucide-house', to: '/app', active: isCurrentPath(url, '/app', true) },
  ]
  const tree: NavigationMenuItem[] = programs.map((program) => ({
    label: program.name,
    icon: 'i-lucide-folder-kanban',
    defaultOpen: true,
    children: program.projects.length
      ? program.projects.map((project) => ({
          label: project.name,
          to: `/app/projects/${project.id}`,
          active: isCurrentPath(url, `/app/projects/${project.id}`),
        }))
      : [{ label: 'No projects', disabled: true }],
  }))
  return [home, tree]
}

const CONSOLE_PAGES = [
  { path: '/admin', label: 'Dashboard', icon: 'i-lucide-layout-dashboard' },
  { path: '/admin/users', label: 'Users', icon: 'i-lucide-users' },
  { path: '/admin/projects', label: 'Programs & projects', icon: 'i-lucide-folder-tree' },
  { path: '/admin/plugins', label: 'Plugins', icon: 'i-lucide-puzzle' },
  { path: '/admin/audit', label: 'Audit log', icon: 'i-lucide-scroll-text' },
  { path: '/admin/settings', label: 'Tenant settings', icon: 'i-lucide-settings' },
]

/** The admin console part: the core's pages, then the pages plugins contribute. */
export function consoleItems(url: string, pluginLinks: { title: string; path: string }[]) {
  const core: NavigationMenuItem[] = CONSOLE_PAGES.map((page) => ({
    label: page.label,
    icon: page.icon,
    to: page.path,
    active: isCurrentPath(url, page.path, page.path === '/admin'),
  }))
  const plugins: NavigationMenuItem[] = pluginLinks.map((link) => ({
    label: link.title,
    icon: 'i-lucide-plug',
    to: link.path,
    active: isCurrentPath(url, link.path),
  }))
  return plugins.length ? [core, plugins] : [core]
}

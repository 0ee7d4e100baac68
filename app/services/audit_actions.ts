/**
 * What each audited action is called in the console: the one table of labels.
 * An action missing here is labelled from its name ("tag.updated" → "Tag updated").
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': 'Signed in',
  'access_token.created': 'Access token created',
  'access_token.revoked': 'Access token revoked',
  'tenant.created': 'Workspace created',
  'tenant.activated': 'Workspace activated',
  'tenant.deactivated': 'Workspace deactivated',
  'tenant.settings_updated': 'Workspace settings updated',
  'user.created': 'User created',
  'user.updated': 'User updated',
  'user.role_changed': 'User role changed',
  'user.password_reset': 'User password reset',
  'user.profile_updated': 'Own profile updated',
  'user.deactivated': 'User deactivated',
  'user.reactivated': 'User reactivated',
  'program.created': 'Program created',
  'program.updated': 'Program updated',
  'program.archived': 'Program archived',
  'program.unarchived': 'Program restored from archive',
  'program.deleted': 'Program deleted',
  'project.created': 'Project created',
  'project.updated': 'Project updated',
  'project.archived': 'Project archived',
  'project.unarchived': 'Project restored from archive',
  'project.deleted': 'Project deleted',
  'membership.added': 'Member added to project',
  'membership.role_changed': 'Project member role changed',
  'membership.removed': 'Member removed from project',
  'plugin.enabled': 'Plugin enabled',
  'plugin.disabled': 'Plugin disabled',
  'plugin.settings_updated': 'Plugin settings updated',
  'tag.created': 'Tag created',
  'tag.updated': 'Tag updated',
  'tag.deleted': 'Tag deleted',
  'content.created': 'Content created',
  'content.renamed': 'Content renamed',
  'content.described': 'Content description changed',
  'content.updated': 'Content updated',
  'content.version_created': 'New content version',
  'content.deleted': 'Content moved to trash',
  'content.restored': 'Content restored from trash',
  'content.destroyed': 'Content deleted forever',
  'content.storage_chosen': 'Storage type chosen',
  'search.configuration_updated': 'Search settings updated',
  'llm.connection_created': 'Model connection created',
  'llm.connection_updated': 'Model connection updated',
  'llm.connection_deleted': 'Model connection deleted',
  'llm.models_synced': 'Models synced from a connection',
  'llm.model_added': 'Model added by hand',
  'llm.model_updated': 'Model updated',
  'llm.model_deleted': 'Model deleted',
  'thread.created': 'Thread created',
  'thread.updated': 'Thread updated',
  'thread.deleted': 'Thread deleted',
  'thread.moved': 'Thread moved',
  'thread.linked': 'Threads linked',
  'thread.unlinked': 'Threads unlinked',
  'thread.context_changed': 'Thread context changed',
}

/** The console's label of an action, e.g. "program.updated" → "Program updated". */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action]
  if (known) return known
  const words = action
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'health.show': { paramsTuple?: []; params?: {} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'subscribe': { paramsTuple?: []; params?: {} }
    'unsubscribe': { paramsTuple?: []; params?: {} }
    'session_pages.login': { paramsTuple?: []; params?: {} }
    'workspace.home': { paramsTuple?: []; params?: {} }
    'workspace.project': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'workspace.project_tab': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'id': ParamValue,'plugin': ParamValue,'slug': ParamValue} }
    'account_pages.profile': { paramsTuple?: []; params?: {} }
    'account_pages.tokens': { paramsTuple?: []; params?: {} }
    'admin_dashboard.show': { paramsTuple?: []; params?: {} }
    'admin_pages.users': { paramsTuple?: []; params?: {} }
    'admin_pages.projects': { paramsTuple?: []; params?: {} }
    'admin_pages.project': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin_pages.audit': { paramsTuple?: []; params?: {} }
    'admin_pages.settings': { paramsTuple?: []; params?: {} }
    'admin_plugin_pages.index': { paramsTuple?: []; params?: {} }
    'admin_plugin_pages.show': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'admin_plugin_pages.page': { paramsTuple: [ParamValue,ParamValue]; params: {'plugin': ParamValue,'slug': ParamValue} }
    'platform_pages.login': { paramsTuple?: []; params?: {} }
    'platform_pages.tenants': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'access_tokens.issue': { paramsTuple?: []; params?: {} }
    'me.show': { paramsTuple?: []; params?: {} }
    'me.update': { paramsTuple?: []; params?: {} }
    'access_tokens.index': { paramsTuple?: []; params?: {} }
    'access_tokens.store': { paramsTuple?: []; params?: {} }
    'access_tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programs.index': { paramsTuple?: []; params?: {} }
    'programs.store': { paramsTuple?: []; params?: {} }
    'programs.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programs.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programs.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programs.unarchive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programs.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.index': { paramsTuple?: []; params?: {} }
    'projects.store': { paramsTuple?: []; params?: {} }
    'projects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.unarchive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'memberships.index': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'memberships.store': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'memberships.update': { paramsTuple: [ParamValue,ParamValue]; params: {'projectId': ParamValue,'userId': ParamValue} }
    'memberships.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'projectId': ParamValue,'userId': ParamValue} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.store': { paramsTuple?: []; params?: {} }
    'users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'audit_log.index': { paramsTuple?: []; params?: {} }
    'tenant.show': { paramsTuple?: []; params?: {} }
    'tenant.update': { paramsTuple?: []; params?: {} }
    'plugins.index': { paramsTuple?: []; params?: {} }
    'plugins.update': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'operator_session.store': { paramsTuple?: []; params?: {} }
    'operator_session.destroy': { paramsTuple?: []; params?: {} }
    'tenants.index': { paramsTuple?: []; params?: {} }
    'tenants.store': { paramsTuple?: []; params?: {} }
    'tenants.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tenants.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'search_configuration.show': { paramsTuple?: []; params?: {} }
    'search_configuration.update': { paramsTuple?: []; params?: {} }
    'evaluations.index': { paramsTuple?: []; params?: {} }
    'evaluations.store': { paramsTuple?: []; params?: {} }
    'storage.index': { paramsTuple?: []; params?: {} }
    'storage.choose': { paramsTuple?: []; params?: {} }
    'content.index': { paramsTuple?: []; params?: {} }
    'content.store': { paramsTuple?: []; params?: {} }
    'content.upload': { paramsTuple?: []; params?: {} }
    'content.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'content.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'content.thumbnail': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'content.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'content.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'content.restore': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'content.permanent': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'versions.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'versions.diff': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'versions.restore': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'version': ParamValue} }
    'tags.attach': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tags.detach': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'tagId': ParamValue} }
    'content.project_summary': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'tags.index': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'tags.store': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'tags.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tags.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'search.search': { paramsTuple?: []; params?: {} }
  }
  GET: {
    'health.show': { paramsTuple?: []; params?: {} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'session_pages.login': { paramsTuple?: []; params?: {} }
    'workspace.home': { paramsTuple?: []; params?: {} }
    'workspace.project': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'workspace.project_tab': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'id': ParamValue,'plugin': ParamValue,'slug': ParamValue} }
    'account_pages.profile': { paramsTuple?: []; params?: {} }
    'account_pages.tokens': { paramsTuple?: []; params?: {} }
    'admin_dashboard.show': { paramsTuple?: []; params?: {} }
    'admin_pages.users': { paramsTuple?: []; params?: {} }
    'admin_pages.projects': { paramsTuple?: []; params?: {} }
    'admin_pages.project': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin_pages.audit': { paramsTuple?: []; params?: {} }
    'admin_pages.settings': { paramsTuple?: []; params?: {} }
    'admin_plugin_pages.index': { paramsTuple?: []; params?: {} }
    'admin_plugin_pages.show': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'admin_plugin_pages.page': { paramsTuple: [ParamValue,ParamValue]; params: {'plugin': ParamValue,'slug': ParamValue} }
    'platform_pages.login': { paramsTuple?: []; params?: {} }
    'platform_pages.tenants': { paramsTuple?: []; params?: {} }
    'me.show': { paramsTuple?: []; params?: {} }
    'access_tokens.index': { paramsTuple?: []; params?: {} }
    'programs.index': { paramsTuple?: []; params?: {} }
    'programs.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.index': { paramsTuple?: []; params?: {} }
    'projects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'memberships.index': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'audit_log.index': { paramsTuple?: []; params?: {} }
    'tenant.show': { paramsTuple?: []; params?: {} }
    'plugins.index': { paramsTuple?: []; params?: {} }
    'tenants.index': { paramsTuple?: []; params?: {} }
    'search_configuration.show': { paramsTuple?: []; params?: {} }
    'evaluations.index': { paramsTuple?: []; params?: {} }
    'storage.index': { paramsTuple?: []; params?: {} }
    'content.index': { paramsTuple?: []; params?: {} }
    'content.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'content.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'content.thumbnail': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'versions.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'versions.diff': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'content.project_summary': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'tags.index': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'search.search': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'health.show': { paramsTuple?: []; params?: {} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'session_pages.login': { paramsTuple?: []; params?: {} }
    'workspace.home': { paramsTuple?: []; params?: {} }
    'workspace.project': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'workspace.project_tab': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'id': ParamValue,'plugin': ParamValue,'slug': ParamValue} }
    'account_pages.profile': { paramsTuple?: []; params?: {} }
    'account_pages.tokens': { paramsTuple?: []; params?: {} }
    'admin_dashboard.show': { paramsTuple?: []; params?: {} }
    'admin_pages.users': { paramsTuple?: []; params?: {} }
    'admin_pages.projects': { paramsTuple?: []; params?: {} }
    'admin_pages.project': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin_pages.audit': { paramsTuple?: []; params?: {} }
    'admin_pages.settings': { paramsTuple?: []; params?: {} }
    'admin_plugin_pages.index': { paramsTuple?: []; params?: {} }
    'admin_plugin_pages.show': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'admin_plugin_pages.page': { paramsTuple: [ParamValue,ParamValue]; params: {'plugin': ParamValue,'slug': ParamValue} }
    'platform_pages.login': { paramsTuple?: []; params?: {} }
    'platform_pages.tenants': { paramsTuple?: []; params?: {} }
    'me.show': { paramsTuple?: []; params?: {} }
    'access_tokens.index': { paramsTuple?: []; params?: {} }
    'programs.index': { paramsTuple?: []; params?: {} }
    'programs.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.index': { paramsTuple?: []; params?: {} }
    'projects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'memberships.index': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'audit_log.index': { paramsTuple?: []; params?: {} }
    'tenant.show': { paramsTuple?: []; params?: {} }
    'plugins.index': { paramsTuple?: []; params?: {} }
    'tenants.index': { paramsTuple?: []; params?: {} }
    'search_configuration.show': { paramsTuple?: []; params?: {} }
    'evaluations.index': { paramsTuple?: []; params?: {} }
    'storage.index': { paramsTuple?: []; params?: {} }
    'content.index': { paramsTuple?: []; params?: {} }
    'content.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'content.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'content.thumbnail': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'versions.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'versions.diff': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'content.project_summary': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'tags.index': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'search.search': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'subscribe': { paramsTuple?: []; params?: {} }
    'unsubscribe': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'access_tokens.issue': { paramsTuple?: []; params?: {} }
    'access_tokens.store': { paramsTuple?: []; params?: {} }
    'programs.store': { paramsTuple?: []; params?: {} }
    'programs.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programs.unarchive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.store': { paramsTuple?: []; params?: {} }
    'projects.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.unarchive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'memberships.store': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
    'users.store': { paramsTuple?: []; params?: {} }
    'users.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'operator_session.store': { paramsTuple?: []; params?: {} }
    'tenants.store': { paramsTuple?: []; params?: {} }
    'tenants.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tenants.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.store': { paramsTuple?: []; params?: {} }
    'content.store': { paramsTuple?: []; params?: {} }
    'content.upload': { paramsTuple?: []; params?: {} }
    'content.restore': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'versions.restore': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'version': ParamValue} }
    'tags.attach': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tags.store': { paramsTuple: [ParamValue]; params: {'projectId': ParamValue} }
  }
  PATCH: {
    'me.update': { paramsTuple?: []; params?: {} }
    'programs.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'memberships.update': { paramsTuple: [ParamValue,ParamValue]; params: {'projectId': ParamValue,'userId': ParamValue} }
    'users.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tenant.update': { paramsTuple?: []; params?: {} }
    'content.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tags.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  DELETE: {
    'access_tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programs.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'memberships.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'projectId': ParamValue,'userId': ParamValue} }
    'operator_session.destroy': { paramsTuple?: []; params?: {} }
    'content.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'content.permanent': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tags.detach': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'tagId': ParamValue} }
    'tags.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PUT: {
    'plugins.update': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'search_configuration.update': { paramsTuple?: []; params?: {} }
    'storage.choose': { paramsTuple?: []; params?: {} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}
import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'health.show': { paramsTuple?: []; params?: {} }
    'session_pages.login': { paramsTuple?: []; params?: {} }
    'admin_dashboard.show': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'access_tokens.issue': { paramsTuple?: []; params?: {} }
    'me.show': { paramsTuple?: []; params?: {} }
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
    'plugins.index': { paramsTuple?: []; params?: {} }
    'plugins.update': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
    'tenants.index': { paramsTuple?: []; params?: {} }
    'tenants.store': { paramsTuple?: []; params?: {} }
    'tenants.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tenants.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  GET: {
    'health.show': { paramsTuple?: []; params?: {} }
    'session_pages.login': { paramsTuple?: []; params?: {} }
    'admin_dashboard.show': { paramsTuple?: []; params?: {} }
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
    'plugins.index': { paramsTuple?: []; params?: {} }
    'tenants.index': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'health.show': { paramsTuple?: []; params?: {} }
    'session_pages.login': { paramsTuple?: []; params?: {} }
    'admin_dashboard.show': { paramsTuple?: []; params?: {} }
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
    'plugins.index': { paramsTuple?: []; params?: {} }
    'tenants.index': { paramsTuple?: []; params?: {} }
  }
  POST: {
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
    'tenants.store': { paramsTuple?: []; params?: {} }
    'tenants.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tenants.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  DELETE: {
    'access_tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'programs.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'memberships.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'projectId': ParamValue,'userId': ParamValue} }
  }
  PATCH: {
    'programs.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'projects.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'memberships.update': { paramsTuple: [ParamValue,ParamValue]; params: {'projectId': ParamValue,'userId': ParamValue} }
    'users.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PUT: {
    'plugins.update': { paramsTuple: [ParamValue]; params: {'name': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}
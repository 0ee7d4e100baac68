import { BaseSchema } from '@adonisjs/lucid/schema'
import { runtimeRole } from '#database/roles'

/**
 * Narrows what the runtime role may do outside row-level security.
 *
 * - Security-definer functions run as the owner, past every policy. PostgreSQL lets
 *   PUBLIC execute any new function, so each one is revoked from PUBLIC and granted
 *   to the runtime role alone; functions the owner creates from now on start without
 *   PUBLIC's execute right (default privileges), so a forgotten revoke fails closed.
 * - app_list_tenants() returned whole tenant rows (theme, settings, features) to any
 *   caller; it now returns the columns the operator's list shows and the worker's `id`.
 * - The runtime role updates only a tenant's name, branding (theme) and settings: its
 *   limits, `is_active`, slug and domain are the platform operator's, changed through
 *   app_platform_set_tenant_active(), which refuses to run inside a tenant's
 *   transaction. It cannot delete a tenant row either (that would cascade through
 *   everything the tenant owns).
 */
export default class extends BaseSchema {
  async up() {
    const runtime = runtimeRole()
    this.schema.raw(`
      do $$ begin
        execute format('alter default privileges for role %I revoke execute on functions from public', current_user);
      end $$;

      drop function if exists app_list_tenants();
      create function app_list_tenants()
        returns table (
          id uuid, name varchar, slug varchar, domain varchar, is_active boolean,
          max_users integer, max_storage_gb integer, monthly_token_limit bigint,
          created_at timestamptz
        )
        language sql stable security definer set search_path = public, pg_temp
        as $$ select t.id, t.name, t.slug, t.domain, t.is_active, t.max_users,
                     t.max_storage_gb, t.monthly_token_limit, t.created_at
                from tenants t order by t.created_at, t.id $$;

      create function app_platform_set_tenant_active(p_tenant uuid, p_active boolean)
        returns boolean
        language plpgsql volatile security definer set search_path = public, pg_temp
        as $$
        begin
          if app_current_tenant() is not null then
            raise exception 'a tenant''s transaction cannot change a tenant''s activation'
              using errcode = 'insufficient_privilege';
          end if;
          update tenants set is_active = p_active, updated_at = now() where id = p_tenant;
          return found;
        end $$;

      revoke execute on function app_list_tenants() from public;
      revoke execute on function app_resolve_tenant(text) from public;
      revoke execute on function app_access_token_tenant(uuid) from public;
      revoke execute on function app_platform_set_tenant_active(uuid, boolean) from public;
      grant execute on function app_list_tenants() to ${runtime};
      grant execute on function app_resolve_tenant(text) to ${runtime};
      grant execute on function app_access_token_tenant(uuid) to ${runtime};
      grant execute on function app_platform_set_tenant_active(uuid, boolean) to ${runtime};

      revoke update, delete, truncate on tenants from ${runtime};
      grant update (name, theme, settings, updated_at) on tenants to ${runtime};
    `)
  }

  async down() {
    const runtime = runtimeRole()
    this.schema.raw(`
      revoke update (name, theme, settings, updated_at) on tenants from ${runtime};
      grant update, delete on tenants to ${runtime};
      drop function if exists app_platform_set_tenant_active(uuid, boolean);
      drop function if exists app_list_tenants();
      create function app_list_tenants()
        returns setof tenants
        language sql stable security definer set search_path = public, pg_temp
        as $$ select * from tenants order by created_at, id $$;
      do $$ begin
        execute format('alter default privileges for role %I grant execute on functions to public', current_user);
      end $$;
    `)
  }
}

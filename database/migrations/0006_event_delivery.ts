import { BaseSchema } from '@adonisjs/lucid/schema'
import { runtimeRole } from '#database/roles'

/**
 * Event delivery that does not poll every tenant × consumer:
 * - app_pending_event_deliveries(consumers) names the (tenant, consumer) pairs
 *   with events after their cursor, so the worker opens transactions only where
 *   there is work. It reads across tenants, so it is a security-definer
 *   function (the owner may read the outbox and cursors, never write them
 *   through it); only the runtime role may call it.
 * - inserting into domain_events notifies channel `domain_events` with the
 *   tenant's id, once per tenant and transaction (PostgreSQL folds identical
 *   notifications), delivered at commit: a LISTENing worker wakes then.
 */
export default class extends BaseSchema {
  async up() {
    const runtime = runtimeRole()
    this.schema.raw(`
      do $$ begin
        execute format('create policy domain_events_owner_lookup on domain_events for select to %I using (true)', current_user);
        execute format('create policy event_consumer_cursors_owner_lookup on event_consumer_cursors for select to %I using (true)', current_user);
      end $$;

      -- ready: the first pending event's transaction is older than every running one, so
      -- delivering it now keeps commit order (see the worker); otherwise look again shortly.
      -- retry_at: the cursor is backing off after a failure until then.
      create function app_pending_event_deliveries(p_consumers text[])
        returns table (tenant_id uuid, consumer text, ready boolean, retry_at timestamptz)
        language sql stable security definer set search_path = public, pg_temp
        as $$
          select t.id, c.consumer,
                 first_event.transaction_id < pg_snapshot_xmin(pg_current_snapshot()),
                 cursor.retry_at
            from tenants t
           cross join unnest(p_consumers) as c(consumer)
            left join event_consumer_cursors cursor
              on cursor.tenant_id = t.id and cursor.consumer = c.consumer
           cross join lateral (
             select e.transaction_id from domain_events e
              where e.tenant_id = t.id
                and (e.transaction_id, e.id) >
                    (coalesce(cursor.last_transaction_id, '0'::xid8), coalesce(cursor.last_event_id, 0))
              order by e.transaction_id, e.id
              limit 1
           ) first_event
        $$;
      revoke execute on function app_pending_event_deliveries(text[]) from public;
      grant execute on function app_pending_event_deliveries(text[]) to ${runtime};

      create function app_notify_domain_events() returns trigger
        language plpgsql
        as $$
        begin
          perform pg_notify('domain_events', s.tenant_id::text)
             from (select distinct tenant_id from inserted) s;
          return null;
        end $$;
      revoke execute on function app_notify_domain_events() from public;

      create trigger domain_events_notify
        after insert on domain_events
        referencing new table as inserted
        for each statement execute function app_notify_domain_events();
    `)
  }

  async down() {
    this.schema.raw(`
      drop trigger if exists domain_events_notify on domain_events;
      drop function if exists app_notify_domain_events();
      drop function if exists app_pending_event_deliveries(text[]);
      drop policy if exists event_consumer_cursors_owner_lookup on event_consumer_cursors;
      drop policy if exists domain_events_owner_lookup on domain_events;
    `)
  }
}

import type { TenantTransaction } from '#tenancy/with_tenant'

/** The key of the storage type an admin chose for new files; undefined until one does. */
export async function chosenStorageKey(trx: TenantTransaction): Promise<string | undefined> {
  const chosen = await trx.from('storage_types').where('is_default', true).first()
  return chosen?.key
}

/** Makes `key` the one default storage type (the others lose the flag first: one default). */
export async function chooseStorage(trx: TenantTransaction, tenantId: string, key: string) {
  await trx.from('storage_types').update({ is_default: false })
  await trx.rawQuery(
    `insert into storage_types (tenant_id, key, is_default) values (?, ?, true)
     on conflict (tenant_id, key) do update set is_default = true, updated_at = now()`,
    [tenantId, key]
  )
}

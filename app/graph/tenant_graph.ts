import type { Driver, RecordShape } from 'neo4j-driver'

/**
 * One tenant's view of the graph. Neo4j has no row-level security, so the
 * tenant is enforced here instead: every query must filter on `$tenantId`,
 * which is always this tenant's id and cannot be overridden by the caller.
 */
export class TenantGraph {
  constructor(
    private driver: Driver,
    readonly tenantId: string
  ) {}

  /** Runs a read query; its records as plain objects. */
  read<Row extends RecordShape = RecordShape>(
    cypher: string,
    params: Record<string, unknown> = {}
  ) {
    return this.#run<Row>('READ', cypher, params)
  }

  /** Runs a write query in its own transaction; its records as plain objects. */
  write<Row extends RecordShape = RecordShape>(
    cypher: string,
    params: Record<string, unknown> = {}
  ) {
    return this.#run<Row>('WRITE', cypher, params)
  }

  async #run<Row extends RecordShape>(
    mode: 'READ' | 'WRITE',
    cypher: string,
    params: Record<string, unknown>
  ): Promise<Row[]> {
    assertTenantScoped(cypher, params)
    const session = this.driver.session({ defaultAccessMode: mode })
    try {
      const work = (tx: { run: (q: string, p: Record<string, unknown>) => any }) =>
        tx.run(cypher, { ...params, tenantId: this.tenantId })
      const result =
        mode === 'READ' ? await session.executeRead(work) : await session.executeWrite(work)
      return result.records.map((record: { toObject: () => Row }) => record.toObject())
    } finally {
      await session.close()
    }
  }
}

export class UnscopedGraphQueryError extends Error {}

/** A query that does not mention `$tenantId`, or tries to set it, would cross tenants. */
export function assertTenantScoped(cypher: string, params: Record<string, unknown>) {
  if (!/\$tenantId\b/.test(cypher)) {
    throw new UnscopedGraphQueryError('A tenant graph query must filter on $tenantId')
  }
  if ('tenantId' in params) {
    throw new UnscopedGraphQueryError('$tenantId is set by the tenant graph, not by the caller')
  }
}

import transmit from '@adonisjs/transmit/services/main'

/**
 * Pushes an update to one user's browsers over server-sent events. Best
 * effort: the data stays authoritative in the database, clients re-read it.
 */
type Scalar = string | number | boolean | null

export function notifyUser(userId: string, topic: 'ingestion', payload: Record<string, Scalar>) {
  transmit.broadcast(`users/${userId}/${topic}`, payload)
}

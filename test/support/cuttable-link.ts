/**
 * A TCP relay to Redis for one server instance: cut, it cuts that
 * instance (only) off the bus — established connections drop and new
 * ones are refused — until it is restored on the same port.
 */
import { connect, createServer, type Socket } from 'node:net'

export interface CuttableLink {
  /** The Redis URL to give the instance. */
  url: string
  cut(): void
  restore(): Promise<void>
}

export async function cuttableLink(redisUrl: string): Promise<CuttableLink> {
  const target = Number(new URL(redisUrl).port)
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1')
    const drop = () => {
      client.destroy()
      upstream.destroy()
    }
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', drop).on('close', () => {
        sockets.delete(socket)
        drop()
      })
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return {
    url: `redis://127.0.0.1:${port}`,
    cut() {
      if (server.listening) server.close()
      for (const socket of sockets) socket.destroy()
    },
    async restore() {
      if (!server.listening) await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    },
  }
}

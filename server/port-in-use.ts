/** The server's port is taken by another program: said as a person can act on it, not as Node's stack trace. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError'
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`端口 ${port}（${host}）已被另一个程序占用，本服务器不启动。请先停止那个程序，或用 --port 指定另一个端口。`)
  }
}

/** A logged-in HTTP client of a test server: its session cookie and JSON calls with it. */
export async function loginAt(baseUrl: string, name: string, password = `pw-${name}`) {
  const response = await fetch(`${baseUrl}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }) })
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? ''
  const json = async (path: string, method = 'GET', body?: unknown) => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: r.status, body: (await r.json()) as Record<string, any> }
  }
  return { cookie, json }
}

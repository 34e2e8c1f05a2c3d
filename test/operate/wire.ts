// Plain HTTP helpers for the operate tests: the protocol by hand, as docs/protocol.md gives it.
const json = { 'content-type': 'application/json' };

/** `POST {base}/_open`: the new client's id. */
export async function openClient(base: string): Promise<string> {
  const answer = await fetch(`${base}/_open`, { method: 'POST', headers: json, body: '{}' });
  return ((await answer.json()) as { client: string }).client;
}

/** `POST {base}/{path}` with `args`, as `client` when given: the status and the parsed body. */
export async function call(
  base: string,
  path: string,
  args: unknown[],
  client?: string,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { ...json };
  if (client !== undefined) headers['x-contract-client'] = client;
  const answer = await fetch(`${base}/${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(args),
  });
  return { status: answer.status, body: await answer.json() };
}

/** `GET {base}/_events?after=..&wait=0`: the events' seqs. */
export async function poll(base: string, client: string, after: number): Promise<number[]> {
  const answer = await fetch(`${base}/_events?after=${after}&wait=0`, {
    headers: { 'x-contract-client': client },
  });
  const body = (await answer.json()) as { events: { seq: number }[] };
  return body.events.map((event) => event.seq);
}

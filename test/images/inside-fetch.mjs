// Makes HTTP requests from inside a container that has no network (the test
// runs it with `podman exec -i <container> node --input-type=module -e <this file>`):
// reads a JSON array of {url, method?, headers?, body?, timeoutMs?} on stdin, makes
// them one after another, and prints a JSON array with, for each, {status, headers,
// body} (the body in base64, as fetch decoded it) or {error, code} (the cause's
// code, e.g. ECONNREFUSED or ENETUNREACH).
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const requests = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const answers = [];
for (const request of requests) {
  try {
    const res = await fetch(request.url, {
      method: request.method ?? 'GET',
      headers: request.headers ?? {},
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs ?? 10_000),
    });
    const body = Buffer.from(await res.arrayBuffer()).toString('base64');
    answers.push({ status: res.status, headers: Object.fromEntries(res.headers), body });
  } catch (err) {
    answers.push({ error: err.message, code: err.cause?.code ?? err.name });
  }
}
process.stdout.write(JSON.stringify(answers));

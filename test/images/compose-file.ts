/**
 * Reads docker/compose.yaml and turns one of its services into the
 * `podman run` options compose would give it, so the images test starts the
 * runner exactly as the compose deployment does without needing
 * podman-compose (which the project does not install).
 *
 * The YAML reader covers the subset compose.yaml uses (block mappings and
 * sequences, one-line flow mappings and sequences, quoted and plain scalars,
 * comments) and throws on anything else; the translation throws on any
 * service key it does not know. Either way a change to compose.yaml that
 * this file cannot follow fails the test loudly instead of being skipped.
 */

export type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

interface Line {
  indent: number;
  text: string;
  no: number;
}

/** Removes a comment (a # at the start or after a space, outside quotes). */
function stripComment(raw: string): string {
  let quote: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || raw[i - 1] === ' ' || raw[i - 1] === '\t')) {
      return raw.slice(0, i);
    }
  }
  return raw;
}

/** Splits a flow collection's inside on top-level commas (quote-aware). */
function splitFlow(inner: string, no: number): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  if (quote || depth !== 0) throw new Error(`compose.yaml line ${no}: unbalanced quotes or brackets`);
  // A trailing comma is allowed; an empty item elsewhere is not.
  const last = inner.slice(start);
  if (last.trim() !== '') parts.push(last);
  const items = parts.map((p) => p.trim());
  if (items.includes('')) throw new Error(`compose.yaml line ${no}: empty item in a flow collection`);
  return items;
}

/** Index of the `:` that separates a mapping key from its value, or -1. */
function keyColon(text: string): number {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') return -1;
    else if (c === ':' && (i === text.length - 1 || text[i + 1] === ' ')) return i;
  }
  return -1;
}

function scalar(text: string, no: number): Yaml {
  const t = text.trim();
  if (t.startsWith('"')) {
    if (!t.endsWith('"') || t.length < 2) throw new Error(`compose.yaml line ${no}: unterminated string ${t}`);
    return JSON.parse(t) as string;
  }
  if (t.startsWith("'")) {
    if (!t.endsWith("'") || t.length < 2) throw new Error(`compose.yaml line ${no}: unterminated string ${t}`);
    return t.slice(1, -1).replaceAll("''", "'");
  }
  if (t.startsWith('[')) {
    if (!t.endsWith(']')) throw new Error(`compose.yaml line ${no}: a flow sequence must end on its line`);
    return splitFlow(t.slice(1, -1), no).map((p) => scalar(p, no));
  }
  if (t.startsWith('{')) {
    if (!t.endsWith('}')) throw new Error(`compose.yaml line ${no}: a flow mapping must end on its line`);
    const out: Record<string, Yaml> = {};
    for (const part of splitFlow(t.slice(1, -1), no)) {
      const at = keyColon(part);
      if (at < 0) throw new Error(`compose.yaml line ${no}: ${JSON.stringify(part)} is not key: value`);
      out[String(scalar(part.slice(0, at), no))] = scalar(part.slice(at + 1), no);
    }
    return out;
  }
  if (/^[|>&*!]/.test(t) || t.startsWith('<<')) {
    throw new Error(
      `compose.yaml line ${no}: ${JSON.stringify(t)} (block scalars, anchors, aliases, tags) is beyond what test/images/compose-file.ts reads`,
    );
  }
  if (t === '' || t === '~' || t === 'null') return null;
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

/** Parses the YAML subset described at the top of this file. */
export function parseYaml(source: string): Yaml {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    if (raw.includes('\t')) throw new Error(`compose.yaml line ${i + 1}: tabs are not YAML indentation`);
    const text = stripComment(raw).trimEnd();
    if (text.trim() === '') return;
    if (text.trim() === '---' || text.trim() === '...') throw new Error(`compose.yaml line ${i + 1}: one document only`);
    lines.push({ indent: text.length - text.trimStart().length, text: text.trim(), no: i + 1 });
  });
  let pos = 0;

  const block = (indent: number): Yaml => {
    const first = lines[pos];
    if (!first || first.indent !== indent) return null;
    if (first.text === '-' || first.text.startsWith('- ')) {
      const items: Yaml[] = [];
      while (pos < lines.length && lines[pos]!.indent === indent && (lines[pos]!.text === '-' || lines[pos]!.text.startsWith('- '))) {
        const line = lines[pos]!;
        const rest = line.text.slice(1).trim();
        if (rest === '' || keyColon(rest) >= 0)
          throw new Error(`compose.yaml line ${line.no}: mappings inside sequences are beyond what test/images/compose-file.ts reads`);
        items.push(scalar(rest, line.no));
        pos++;
      }
      return items;
    }
    const map: Record<string, Yaml> = {};
    while (pos < lines.length && lines[pos]!.indent === indent) {
      const line = lines[pos]!;
      const at = keyColon(line.text);
      if (at < 0) throw new Error(`compose.yaml line ${line.no}: expected key: value, found ${JSON.stringify(line.text)}`);
      const key = String(scalar(line.text.slice(0, at), line.no));
      if (key in map) throw new Error(`compose.yaml line ${line.no}: ${key} appears twice`);
      const rest = line.text.slice(at + 1).trim();
      pos++;
      if (rest !== '') map[key] = scalar(rest, line.no);
      else {
        const next = lines[pos];
        // A sequence may sit at its key's indent (compose files often do that).
        const nested = next && (next.indent > indent || (next.indent === indent && (next.text === '-' || next.text.startsWith('- '))));
        map[key] = nested ? block(next.indent) : null;
      }
    }
    return map;
  };

  const doc = block(lines[0]?.indent ?? 0);
  if (pos < lines.length) throw new Error(`compose.yaml line ${lines[pos]!.no}: unexpected indentation`);
  return doc;
}

function isMap(v: Yaml | undefined): v is Record<string, Yaml> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A service of a parsed compose file, or an error naming what is there. */
export function composeService(compose: Yaml, name: string): Record<string, Yaml> {
  const services = isMap(compose) ? compose.services : undefined;
  if (!isMap(services)) throw new Error('compose.yaml has no services mapping');
  const service = services[name];
  if (!isMap(service)) throw new Error(`compose.yaml has no service "${name}" (services: ${Object.keys(services).join(', ')})`);
  return service;
}

/** Compose durations such as 10s, 1m30s, 500ms, as podman accepts them. */
function duration(v: Yaml, what: string): string {
  const s = String(v);
  if (!/^(\d+(ms|s|m|h))+$/.test(s)) throw new Error(`compose.yaml: ${what} ${JSON.stringify(s)} is not a duration like 10s`);
  return s;
}

export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
}

export interface RunPlan {
  image: string;
  /** `podman run` options, without the image, the name and `-d`. */
  options: string[];
  /** The ports as compose publishes them (the test publishes the container port on a port of its own). */
  ports: PublishedPort[];
  environment: Record<string, string>;
  /** The healthcheck command (exec form, without "CMD"), if any. */
  healthcheck: string[] | null;
}

/**
 * The `podman run` options compose gives `service`, with each published port
 * moved to a host port of the caller's (`hostPortFor`) on the same address.
 */
export function runPlan(service: Record<string, Yaml>, hostPortFor: (containerPort: number) => number): RunPlan {
  const options: string[] = [];
  const ports: PublishedPort[] = [];
  const environment: Record<string, string> = {};
  let healthcheck: string[] | null = null;
  let image: string | null = null;
  for (const [key, value] of Object.entries(service)) {
    switch (key) {
      case 'image':
        image = String(value);
        break;
      case 'privileged':
        if (value === true) options.push('--privileged');
        break;
      case 'ulimits': {
        if (!isMap(value)) throw new Error('compose.yaml: ulimits must be a mapping');
        for (const [name, limit] of Object.entries(value)) {
          if (isMap(limit)) options.push('--ulimit', `${name}=${String(limit.soft)}:${String(limit.hard)}`);
          else options.push('--ulimit', `${name}=${String(limit)}:${String(limit)}`);
        }
        break;
      }
      case 'environment': {
        const entries: [string, string][] = Array.isArray(value)
          ? value.map((e) => {
              const s = String(e);
              const eq = s.indexOf('=');
              return eq < 0 ? [s, process.env[s] ?? ''] : [s.slice(0, eq), s.slice(eq + 1)];
            })
          : isMap(value)
            ? Object.entries(value).map(([k, v]) => [k, v === null ? '' : String(v)])
            : [];
        for (const [k, v] of entries) {
          environment[k] = v;
          options.push('--env', `${k}=${v}`);
        }
        break;
      }
      case 'ports': {
        if (!Array.isArray(value)) throw new Error('compose.yaml: ports must be a sequence');
        for (const p of value) {
          const m = /^(?:(\d{1,3}(?:\.\d{1,3}){3}):)?(\d+):(\d+)$/.exec(String(p));
          if (!m) throw new Error(`compose.yaml: port ${JSON.stringify(p)} is not [ip:]host:container`);
          const published = { hostIp: m[1] ?? '0.0.0.0', hostPort: Number(m[2]), containerPort: Number(m[3]) };
          ports.push(published);
          options.push('--publish', `${published.hostIp}:${hostPortFor(published.containerPort)}:${published.containerPort}`);
        }
        break;
      }
      case 'tmpfs':
        for (const t of Array.isArray(value) ? value : [value]) options.push('--tmpfs', String(t));
        break;
      case 'healthcheck': {
        if (!isMap(value) || !Array.isArray(value.test)) throw new Error('compose.yaml: healthcheck.test must be a sequence');
        const [form, ...args] = value.test.map(String);
        if (form === 'CMD') {
          healthcheck = args;
          options.push('--health-cmd', JSON.stringify(args));
        } else if (form === 'CMD-SHELL') {
          healthcheck = ['/bin/sh', '-c', args.join(' ')];
          options.push('--health-cmd', args.join(' '));
        } else throw new Error(`compose.yaml: healthcheck.test starts with ${JSON.stringify(form)}, not CMD or CMD-SHELL`);
        for (const [k, v] of Object.entries(value)) {
          if (k === 'test') continue;
          if (k === 'interval' || k === 'timeout' || k === 'start_period')
            options.push(`--health-${k.replace('_', '-')}`, duration(v, `healthcheck.${k}`));
          else if (k === 'retries') options.push('--health-retries', String(v));
          else throw new Error(`compose.yaml: healthcheck.${k} is not translated by test/images/compose-file.ts`);
        }
        break;
      }
      default:
        throw new Error(
          `compose.yaml's service uses "${key}", which test/images/compose-file.ts does not translate into podman run options; ` +
            'teach it there so the images test keeps starting the service the way compose does',
        );
    }
  }
  if (!image) throw new Error('compose.yaml: the service has no image');
  return { image, options, ports, environment, healthcheck };
}

//! zcopy-server: the kernel of lesson 03 behind a loopback HTTP/1.1 server,
//! the "separate service" way for the Go program to compare with cgo.
//!
//! std only (the runner builds offline): a hand-written HTTP/1.1 parser that
//! handles what the Go client sends (a request line, headers, a body with a
//! Content-Length) and keeps connections alive. It is a lesson's server, not
//! a general one: no chunked bodies, no TLS, one thread per connection.
//!
//! It binds 127.0.0.1 on a port the system picks, prints
//! `zcopy-server listening on http://127.0.0.1:PORT` as its first line, and
//! exits when its standard input closes: the Go program that starts it holds
//! that pipe, so the server cannot outlive it.
//!
//! - `POST /normalize`: the body is little-endian `f32` values; the answer's
//!   body is the normalised values, same encoding, and its `X-Norm` header
//!   the norm they had (shortest decimal that reads back to the same `f64`).
//! - `POST /normalize.json`: the body is a JSON array of numbers; the answer
//!   is `{"norm":N,"values":[...]}`.
//!
//! Every answer carries `X-Conn-Requests`: how many requests this connection
//! has carried, so a client can see whether it reused one.

use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use std::{process, thread};
use zcopy::kernel;

/// Longest request line plus headers.
const MAX_HEAD_BYTES: u64 = 16 * 1024;
/// Largest body: 64 MiB, 16 Mi floats.
const MAX_BODY_BYTES: usize = 64 << 20;
/// Connections served at once; one more is told 503 and closed.
const MAX_CONNECTIONS: usize = 16;
/// A connection idle this long is closed.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

static OPEN_CONNECTIONS: AtomicUsize = AtomicUsize::new(0);

fn main() {
    let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap_or_else(|err| {
        eprintln!("zcopy-server: cannot listen on 127.0.0.1: {err}");
        process::exit(1);
    });
    let addr = listener.local_addr().expect("a bound listener has an address");
    println!("zcopy-server listening on http://{addr}");
    if io::stdout().flush().is_err() {
        process::exit(1);
    }
    thread::spawn(exit_when_stdin_closes);
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                if OPEN_CONNECTIONS.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                    OPEN_CONNECTIONS.fetch_sub(1, Ordering::SeqCst);
                    let busy = Response::text(503, "Service Unavailable", "too many connections; reuse one\n");
                    let _ = write_response(&mut &stream, &busy, 1, false);
                    continue;
                }
                thread::spawn(move || {
                    if let Err(err) = serve(stream) {
                        eprintln!("zcopy-server: connection ended: {err}");
                    }
                    OPEN_CONNECTIONS.fetch_sub(1, Ordering::SeqCst);
                });
            }
            Err(err) => eprintln!("zcopy-server: accept failed: {err}"),
        }
    }
}

/// Exits the process when standard input reaches its end (or fails).
fn exit_when_stdin_closes() {
    let mut buf = [0u8; 256];
    let mut stdin = io::stdin();
    while let Ok(n) = stdin.read(&mut buf) {
        if n == 0 {
            break;
        }
    }
    process::exit(0);
}

/// A parsed request: only what the routes need.
#[derive(Debug)]
struct Request {
    method: String,
    path: String,
    body: Vec<u8>,
    keep_alive: bool,
}

/// An answer to write.
#[derive(Debug)]
struct Response {
    status: u16,
    reason: &'static str,
    content_type: &'static str,
    /// Extra header lines, each ending in "\r\n".
    headers: String,
    body: Vec<u8>,
}

impl Response {
    fn text(status: u16, reason: &'static str, message: &str) -> Response {
        Response {
            status,
            reason,
            content_type: "text/plain; charset=utf-8",
            headers: String::new(),
            body: message.as_bytes().to_vec(),
        }
    }

    fn bad_request(message: &str) -> Response {
        Response::text(400, "Bad Request", message)
    }
}

/// Serves one connection: request, answer, and again while both sides keep
/// it alive.
fn serve(stream: TcpStream) -> io::Result<()> {
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(IDLE_TIMEOUT))?;
    let mut reader = BufReader::with_capacity(64 * 1024, stream.try_clone()?);
    let mut writer = BufWriter::with_capacity(64 * 1024, stream);
    let mut served = 0u64;
    loop {
        let Some(parsed) = read_request(&mut reader, &mut writer)? else { return Ok(()) };
        served += 1;
        // A request that could not be read leaves the stream at an unknown
        // place: answer it, then close.
        let (response, keep_alive) = match parsed {
            Ok(request) => {
                let keep_alive = request.keep_alive;
                (route(request), keep_alive)
            }
            Err(response) => (response, false),
        };
        write_response(&mut writer, &response, served, keep_alive)?;
        if !keep_alive {
            return Ok(());
        }
    }
}

/// Reads one request. `Ok(None)`: the client closed the connection between
/// requests. `Ok(Some(Err(response)))`: the request was malformed or too big;
/// `response` says why. `w` is for `Expect: 100-continue`.
fn read_request(r: &mut impl BufRead, w: &mut impl Write) -> io::Result<Option<Result<Request, Response>>> {
    let mut head = r.take(MAX_HEAD_BYTES);
    let mut line = Vec::new();
    // A client may send empty lines before a request (RFC 9112, 2.2).
    loop {
        line.clear();
        if head.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        if line != b"\r\n" && line != b"\n" {
            break;
        }
    }
    let request_line = match head_line(&line) {
        Ok(text) => text.to_owned(),
        Err(response) => return Ok(Some(Err(response))),
    };
    let parts: Vec<&str> = request_line.split(' ').collect();
    let [method, path, version] = parts[..] else {
        return Ok(Some(Err(Response::bad_request("the request line must be METHOD PATH HTTP/1.1\n"))));
    };
    let mut keep_alive = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Ok(Some(Err(Response::text(505, "HTTP Version Not Supported", "this server speaks HTTP/1.1\n")))),
    };
    let mut content_length: Option<usize> = None;
    let mut expect_continue = false;
    loop {
        line.clear();
        if head.read_until(b'\n', &mut line)? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let text = match head_line(&line) {
            Ok(text) => text,
            Err(response) => return Ok(Some(Err(response))),
        };
        if text.is_empty() {
            break;
        }
        let Some((name, value)) = text.split_once(':') else {
            return Ok(Some(Err(Response::bad_request("a header line has no ':'\n"))));
        };
        let value = value.trim_matches([' ', '\t']);
        if name.eq_ignore_ascii_case("content-length") {
            let Some(n) = value.parse::<usize>().ok().filter(|_| value.bytes().all(|b| b.is_ascii_digit())) else {
                return Ok(Some(Err(Response::bad_request("Content-Length is not a number\n"))));
            };
            if content_length.is_some_and(|m| m != n) {
                return Ok(Some(Err(Response::bad_request("two different Content-Length headers\n"))));
            }
            content_length = Some(n);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Ok(Some(Err(Response::text(
                501,
                "Not Implemented",
                "this server reads bodies with a Content-Length only (no Transfer-Encoding)\n",
            ))));
        } else if name.eq_ignore_ascii_case("connection") {
            for token in value.split(',').map(str::trim) {
                if token.eq_ignore_ascii_case("close") {
                    keep_alive = false;
                } else if token.eq_ignore_ascii_case("keep-alive") {
                    keep_alive = true;
                }
            }
        } else if name.eq_ignore_ascii_case("expect") && value.eq_ignore_ascii_case("100-continue") {
            expect_continue = true;
        }
    }
    let length = content_length.unwrap_or(0);
    if method == "POST" && content_length.is_none() {
        return Ok(Some(Err(Response::text(411, "Length Required", "send the body with a Content-Length\n"))));
    }
    if length > MAX_BODY_BYTES {
        let message = format!("the body is {length} bytes; this server takes at most {MAX_BODY_BYTES}\n");
        return Ok(Some(Err(Response::text(413, "Content Too Large", &message))));
    }
    if expect_continue && length > 0 {
        w.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        w.flush()?;
    }
    let mut body = vec![0u8; length];
    r.read_exact(&mut body)?;
    Ok(Some(Ok(Request { method: method.to_owned(), path: path.to_owned(), body, keep_alive })))
}

/// One line of the head without its line ending, or the answer to give when
/// it is cut off (too long) or not text.
fn head_line(line: &[u8]) -> Result<&str, Response> {
    let Some(line) = line.strip_suffix(b"\n") else {
        return Err(Response::text(431, "Request Header Fields Too Large", "the request head is over 16 KiB\n"));
    };
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    std::str::from_utf8(line).map_err(|_| Response::bad_request("the request head is not UTF-8\n"))
}

/// Answers a request that was read whole.
fn route(request: Request) -> Response {
    match (request.method.as_str(), request.path.as_str()) {
        ("POST", "/normalize") => normalize_binary(request.body),
        ("POST", "/normalize.json") => normalize_json(&request.body),
        (_, "/normalize" | "/normalize.json") => {
            let mut response = Response::text(405, "Method Not Allowed", "use POST\n");
            response.headers.push_str("Allow: POST\r\n");
            response
        }
        _ => Response::text(404, "Not Found", "the routes are POST /normalize and POST /normalize.json\n"),
    }
}

/// `POST /normalize`: little-endian `f32` in, the same out, normalised; the
/// answer reuses the request's buffer.
fn normalize_binary(mut body: Vec<u8>) -> Response {
    if body.len() % 4 != 0 {
        let message = format!("the body is {} bytes, not a whole number of 4-byte f32 values\n", body.len());
        return Response::bad_request(&message);
    }
    let mut values: Vec<f32> = body.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
    let norm = kernel::normalize(&mut values);
    for (out, x) in body.chunks_exact_mut(4).zip(&values) {
        out.copy_from_slice(&x.to_le_bytes());
    }
    Response {
        status: 200,
        reason: "OK",
        content_type: "application/octet-stream",
        headers: format!("X-Norm: {norm}\r\n"),
        body,
    }
}

/// `POST /normalize.json`: `[1.5, -2, ...]` in, `{"norm":N,"values":[...]}`
/// out. Rust prints an `f32` as the shortest decimal that reads back to the
/// same `f32`, and Go's encoding/json does the same, so no value changes on
/// the way.
fn normalize_json(body: &[u8]) -> Response {
    let mut values = match parse_json_floats(body) {
        Ok(values) => values,
        Err(message) => return Response::bad_request(&message),
    };
    let norm = kernel::normalize(&mut values);
    let mut out = String::with_capacity(24 + values.len() * 12);
    out.push_str("{\"norm\":");
    if norm.is_finite() {
        let _ = write!(out, "{norm}");
    } else {
        out.push_str("null");
    }
    out.push_str(",\"values\":[");
    for (i, x) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{x}");
    }
    out.push_str("]}");
    Response {
        status: 200,
        reason: "OK",
        content_type: "application/json",
        headers: String::new(),
        body: out.into_bytes(),
    }
}

/// Parses a JSON array of numbers into `f32` values (each decimal rounded
/// once, straight to `f32`).
fn parse_json_floats(body: &[u8]) -> Result<Vec<f32>, String> {
    let text = std::str::from_utf8(body).map_err(|_| "the body is not UTF-8\n".to_owned())?;
    let inner = text
        .trim()
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .ok_or_else(|| "the body must be a JSON array of numbers, like [1.5,-2,3e-4]\n".to_owned())?;
    if inner.trim().is_empty() {
        return Ok(Vec::new());
    }
    inner
        .split(',')
        .map(|item| {
            let item = item.trim();
            match item.parse::<f32>() {
                Ok(x) if is_json_number(item) && x.is_finite() => Ok(x),
                _ => Err(format!("{item:?} is not a JSON number that fits an f32\n")),
            }
        })
        .collect()
}

/// True when `s` follows JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
/// (Rust's float parser also takes "inf", "+1" and "1.", which JSON does not.)
fn is_json_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let int_start = i;
    match digits(&mut i) {
        0 => return false,
        n if n > 1 && b[int_start] == b'0' => return false,
        _ => {}
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Writes an answer: status line, headers, body.
fn write_response(w: &mut impl Write, response: &Response, served: u64, keep_alive: bool) -> io::Result<()> {
    let mut head = String::with_capacity(160);
    let _ = write!(
        head,
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nX-Conn-Requests: {served}\r\n{}",
        response.status,
        response.reason,
        response.content_type,
        response.body.len(),
        response.headers
    );
    if !keep_alive {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    w.write_all(head.as_bytes())?;
    w.write_all(&response.body)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn parse(raw: &[u8]) -> Result<Request, Response> {
        read_request(&mut Cursor::new(raw), &mut Vec::new()).unwrap().unwrap()
    }

    fn le_bytes(values: &[f32]) -> Vec<u8> {
        values.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    #[test]
    fn a_post_with_a_body_is_read_whole() {
        let r = parse(b"POST /normalize HTTP/1.1\r\nHost: x\r\ncontent-length: 3\r\n\r\nabcEXTRA").unwrap();
        assert_eq!(
            (r.method.as_str(), r.path.as_str(), &r.body[..], r.keep_alive),
            ("POST", "/normalize", &b"abc"[..], true)
        );
    }

    #[test]
    fn connection_headers_and_versions_decide_keep_alive() {
        assert!(!parse(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap().keep_alive);
        assert!(!parse(b"GET / HTTP/1.0\r\n\r\n").unwrap().keep_alive);
        assert!(parse(b"GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").unwrap().keep_alive);
    }

    #[test]
    fn malformed_or_oversized_requests_get_an_error_status() {
        let status = |raw: &[u8]| parse(raw).unwrap_err().status;
        assert_eq!(status(b"POST /normalize HTTP/1.1\r\n\r\n"), 411);
        assert_eq!(status(b"POST /normalize HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), 501);
        assert_eq!(status(b"POST /normalize HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n"), 413);
        assert_eq!(status(b"POST /normalize HTTP/1.1\r\nContent-Length: -1\r\n\r\n"), 400);
        assert_eq!(status(b"POST /normalize HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/2\r\n\r\n"), 505);
        assert_eq!(status(b"GET /\r\n\r\n"), 400);
        let mut long = b"GET / HTTP/1.1\r\nX: ".to_vec();
        long.extend(std::iter::repeat_n(b'a', 20_000));
        assert_eq!(status(&long), 431);
    }

    #[test]
    fn a_closed_connection_between_requests_is_not_an_error() {
        assert!(read_request(&mut Cursor::new(b""), &mut Vec::new()).unwrap().is_none());
    }

    #[test]
    fn expect_100_continue_is_answered_before_the_body() {
        let mut sent = Vec::new();
        let raw = b"POST /normalize HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n\0\0\0\0";
        read_request(&mut Cursor::new(&raw[..]), &mut sent).unwrap().unwrap().unwrap();
        assert_eq!(sent, b"HTTP/1.1 100 Continue\r\n\r\n");
    }

    #[test]
    fn the_binary_route_runs_the_kernel() {
        let response = normalize_binary(le_bytes(&[3.0, 4.0]));
        assert_eq!(response.status, 200);
        assert_eq!(response.body, le_bytes(&[0.6, 0.8]));
        assert_eq!(response.headers, "X-Norm: 5\r\n");
        assert_eq!(normalize_binary(vec![0; 5]).status, 400);
    }

    #[test]
    fn the_json_route_gives_the_same_values() {
        let response = normalize_json(b" [3, 4e0 ,-0.0] ");
        assert_eq!(response.status, 200);
        assert_eq!(String::from_utf8(response.body).unwrap(), r#"{"norm":5,"values":[0.6,0.8,-0]}"#);
        assert_eq!(String::from_utf8(normalize_json(b"[]").body).unwrap(), r#"{"norm":0,"values":[]}"#);
        for bad in [&b"[1,]"[..], b"[inf]", b"[+1]", b"[1.]", b"[01]", b"[1e40]", b"{}", b"[\"1\"]"] {
            assert_eq!(normalize_json(bad).status, 400, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn json_numbers_follow_the_grammar() {
        for good in ["0", "-0", "12", "1.5", "-1.5e-3", "2E+10", "0.000001"] {
            assert!(is_json_number(good), "{good}");
        }
        for bad in ["", "-", "01", "1.", ".5", "1e", "1e+", "NaN", "0x10", "1 2"] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn a_connection_carries_several_requests() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let addr = listener.local_addr().unwrap();
        let server = thread::spawn(move || serve(listener.accept().unwrap().0));
        let mut client = TcpStream::connect(addr).unwrap();
        let body = le_bytes(&[3.0, 4.0]);
        let mut request = format!("POST /normalize HTTP/1.1\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
        request.extend(&body);
        // Two requests back to back on one connection, then one that closes it.
        client.write_all(&request).unwrap();
        client.write_all(&request).unwrap();
        client.write_all(b"GET /nowhere HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut answers = String::new();
        let mut raw = Vec::new();
        client.read_to_end(&mut raw).unwrap();
        answers.push_str(&String::from_utf8_lossy(&raw));
        server.join().unwrap().unwrap();
        assert_eq!(answers.matches("HTTP/1.1 200 OK\r\n").count(), 2, "{answers}");
        assert!(answers.contains("X-Conn-Requests: 2\r\n"), "{answers}");
        assert!(answers.contains("HTTP/1.1 404 Not Found\r\n"), "{answers}");
        assert!(answers.contains("X-Conn-Requests: 3\r\nConnection: close\r\n"), "{answers}");
    }
}

package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// defaultServer is where `cargo build --release --manifest-path
// rust/Cargo.toml` puts the server, relative to this module's folder (where
// `go run .`, `go test` and the runner start the program).
const defaultServer = "rust/target/release/zcopy-server"

// rpcServer is the Rust server running as a child process, and a client
// that keeps one connection to it.
type rpcServer struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser // the server exits when this closes
	Path   string
	PID    int
	URL    string // http://127.0.0.1:PORT
	client *http.Client

	Calls        int // requests this client made
	ConnRequests int // the server's count of requests on the connection that carried the last one
}

// startServer starts the server binary and waits for the line with its
// address.
func startServer(path string) (*rpcServer, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("the RPC server %s is missing (%w); build it with: cargo build --release --manifest-path rust/Cargo.toml", path, err)
	}
	cmd := exec.Command(path)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	s := &rpcServer{cmd: cmd, stdin: stdin, Path: path, PID: cmd.Process.Pid}
	line := make(chan string, 1)
	go func() {
		text, _ := bufio.NewReader(stdout).ReadString('\n')
		line <- text
	}()
	select {
	case text := <-line:
		const prefix = "zcopy-server listening on "
		addr, ok := strings.CutPrefix(strings.TrimSpace(text), prefix)
		if !ok || !strings.HasPrefix(addr, "http://127.0.0.1:") {
			s.Close()
			return nil, fmt.Errorf("%s printed %q, not %q and its address", path, text, prefix)
		}
		s.URL = addr
	case <-time.After(10 * time.Second):
		s.Close()
		return nil, fmt.Errorf("%s printed no address within 10 s", path)
	}
	// One connection, kept alive and reused: every call after the first
	// skips the TCP handshake. (A client that dials per call pays it each
	// time.) Proxy nil: never send loopback calls to a proxy from the
	// environment.
	s.client = &http.Client{
		Transport: &http.Transport{
			Proxy:               nil,
			MaxIdleConns:        1,
			MaxIdleConnsPerHost: 1,
			MaxConnsPerHost:     1,
			IdleConnTimeout:     30 * time.Second,
			DisableCompression:  true,
		},
		Timeout: 60 * time.Second,
	}
	return s, nil
}

// Close ends the server: its standard input closes, it exits, and this
// waits for it (killing it after 5 s).
func (s *rpcServer) Close() {
	if s.client != nil {
		s.client.CloseIdleConnections()
	}
	_ = s.stdin.Close()
	done := make(chan struct{})
	go func() {
		_ = s.cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}

// post sends one request and returns the answer's body in a new slice.
func (s *rpcServer) post(path, contentType string, body []byte) (*http.Response, []byte, error) {
	req, err := http.NewRequest(http.MethodPost, s.URL+path, bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	s.Calls++
	s.ConnRequests, _ = strconv.Atoi(resp.Header.Get("X-Conn-Requests"))
	var out []byte
	if resp.ContentLength >= 0 {
		out = make([]byte, resp.ContentLength)
		_, err = io.ReadFull(resp.Body, out)
	} else {
		out, err = io.ReadAll(resp.Body)
	}
	if err != nil {
		return nil, nil, err
	}
	// The body must be read to its end for the connection to be reused.
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return nil, nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("%s %s: %s: %s", req.Method, path, resp.Status, strings.TrimSpace(string(out)))
	}
	return resp, out, nil
}

// NormalizeBinary is the RPC way: the values go as little-endian bytes in
// an HTTP body, the server runs the kernel, and the answer comes back the
// same way, decoded into a new slice. Three copies each way: encode, the
// kernel's socket buffers, decode.
func (s *rpcServer) NormalizeBinary(v []float32) ([]float32, float64, error) {
	body := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(body[4*i:], math.Float32bits(x))
	}
	resp, got, err := s.post("/normalize", "application/octet-stream", body)
	if err != nil {
		return nil, 0, err
	}
	if len(got) != len(body) {
		return nil, 0, fmt.Errorf("POST /normalize: sent %d bytes, got %d back", len(body), len(got))
	}
	norm, err := strconv.ParseFloat(resp.Header.Get("X-Norm"), 64)
	if err != nil {
		return nil, 0, fmt.Errorf("POST /normalize: X-Norm header: %w", err)
	}
	out := make([]float32, len(v))
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(got[4*i:]))
	}
	return out, norm, nil
}

// jsonAnswer is what POST /normalize.json returns.
type jsonAnswer struct {
	Norm   *float64  `json:"norm"`
	Values []float32 `json:"values"`
}

// NormalizeJSON is the RPC way with JSON bodies: the same call, with the
// values written and read as decimal text.
func (s *rpcServer) NormalizeJSON(v []float32) ([]float32, float64, error) {
	if v == nil {
		v = []float32{} // [] rather than null
	}
	body, err := json.Marshal(v)
	if err != nil {
		return nil, 0, err
	}
	_, got, err := s.post("/normalize.json", "application/json", body)
	if err != nil {
		return nil, 0, err
	}
	var answer jsonAnswer
	if err := json.Unmarshal(got, &answer); err != nil {
		return nil, 0, fmt.Errorf("POST /normalize.json: %w", err)
	}
	if answer.Norm == nil {
		return nil, 0, errors.New("POST /normalize.json: the norm is null (not finite)")
	}
	if len(answer.Values) != len(v) {
		return nil, 0, fmt.Errorf("POST /normalize.json: sent %d values, got %d back", len(v), len(answer.Values))
	}
	return answer.Values, *answer.Norm, nil
}

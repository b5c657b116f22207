package runtime

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestLogWriterBuffers: a line is held until the timer, a Flush or Close,
// and lines written at once from many goroutines come out whole.
func TestLogWriterBuffers(t *testing.T) {
	var out syncBuffer
	l := NewLogWriter(&out, time.Hour)
	fmt.Fprintln(l, "one")
	if out.String() != "" {
		t.Errorf("written through at once: %q", out.String())
	}
	l.Flush()
	if out.String() != "one\n" {
		t.Errorf("after Flush: %q", out.String())
	}
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() { fmt.Fprintf(l, "line %02d %s\n", i, strings.Repeat("x", 2000)) })
	}
	wg.Wait()
	l.Close()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 51 {
		t.Fatalf("%d lines, want 51", len(lines))
	}
	for _, line := range lines[1:] {
		if len(line) != len("line 00 ")+2000 {
			t.Errorf("a line came out cut or mixed: %.40q... (%d bytes)", line, len(line))
		}
	}
}

func TestLogWriterTimer(t *testing.T) {
	var out syncBuffer
	l := NewLogWriter(&out, 10*time.Millisecond)
	defer l.Close()
	fmt.Fprintln(l, "soon")
	for deadline := time.Now().Add(5 * time.Second); out.String() == "" && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
	}
	if out.String() != "soon\n" {
		t.Errorf("the timer did not flush: %q", out.String())
	}
}

// TestRunServeLogsEveryWebhookBeforeItStops: webhooks answered while the
// server runs each have their line once it has stopped (as at SIGTERM),
// though the log is buffered.
func TestRunServeLogsEveryWebhookBeforeItStops(t *testing.T) {
	var stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	exit := make(chan int, 1)
	go func() {
		exit <- Run(ctx, testApp, []string{"--addr", "127.0.0.1:0"}, func(k string) string { return goodEnv[k] }, io.Discard, &stderr)
	}()
	addr := listeningAddr(t, &stderr)
	const n = 200
	var wg sync.WaitGroup
	var mu sync.Mutex
	answered := 0
	for range n {
		wg.Go(func() {
			resp, err := http.Post("http://"+addr+"/webhooks", "application/json", strings.NewReader(benchEvent))
			if err != nil {
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				mu.Lock()
				answered++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	cancel()
	if code := <-exit; code != 0 {
		t.Fatalf("exit %d", code)
	}
	if got := strings.Count(stderr.String(), `"msg":"webhook"`); answered != n || got != n {
		t.Errorf("%d of %d webhooks answered, %d logged", answered, n, got)
	}
	if !strings.HasSuffix(strings.TrimSpace(stderr.String()), `"msg":"stopped","flow":"demo"}`) {
		t.Errorf("the last line is not the stop:\n%.300s", stderr.String()[max(0, len(stderr.String())-300):])
	}
}

// TestSignalContextEndsAtSIGTERM: SIGTERM, which a container stop sends,
// ends the context Serve drains on, as SIGINT does.
func TestSignalContextEndsAtSIGTERM(t *testing.T) {
	ctx, stop := SignalContext()
	defer stop()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("SIGTERM did not end the context")
	}
}

// slowWriter takes its time over each write, as a disk or pipe under load
// may, so that hand-overs overlap.
type slowWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *slowWriter) Write(p []byte) (int, error) {
	time.Sleep(time.Millisecond)
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

// TestLogWriterHandsOverInOrder: with both buffers filling while the output
// is slow, every line comes out, once, whole, and each goroutine's lines in
// the order it wrote them.
func TestLogWriterHandsOverInOrder(t *testing.T) {
	var out slowWriter
	l := NewLogWriter(&out, time.Millisecond)
	var wg sync.WaitGroup
	const writers, each = 8, 400
	for g := range writers {
		wg.Go(func() {
			for i := range each {
				fmt.Fprintf(l, "%d %04d %s\n", g, i, strings.Repeat("x", 100+i%7*300))
			}
		})
	}
	wg.Wait()
	l.Close()
	next := make([]int, writers)
	lines := strings.Split(strings.TrimSuffix(out.b.String(), "\n"), "\n")
	for _, line := range lines {
		var g, i int
		var xs string
		if _, err := fmt.Sscanf(line, "%d %d %s", &g, &i, &xs); err != nil || len(xs) != 100+i%7*300 {
			t.Fatalf("line cut or mixed: %.60q", line)
		}
		if i != next[g] {
			t.Fatalf("writer %d: line %d after %d", g, i, next[g]-1)
		}
		next[g]++
	}
	if len(lines) != writers*each {
		t.Errorf("%d lines, want %d", len(lines), writers*each)
	}
}

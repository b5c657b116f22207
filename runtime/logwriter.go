package runtime

import (
	"bufio"
	"io"
	"sync"
	"time"
)

// LogFlushEvery is how often a server's buffered log reaches its output.
const LogFlushEvery = 100 * time.Millisecond

// LogWriter takes a server's log lines off the request path: a write goes
// to a buffer, and the buffer to the output when it fills, every
// LogFlushEvery, and at Close, so that no line is lost when the server
// stops. slog writes each record in one Write, so lines never interleave. A
// LogWriter is safe for concurrent use.
type LogWriter struct {
	mu   sync.Mutex
	buf  *bufio.Writer
	stop chan struct{}
	done chan struct{}
}

// NewLogWriter buffers writes to w and flushes them every period.
func NewLogWriter(w io.Writer, period time.Duration) *LogWriter {
	l := &LogWriter{buf: bufio.NewWriterSize(w, 64<<10), stop: make(chan struct{}), done: make(chan struct{})}
	go l.flushEvery(period)
	return l
}

func (l *LogWriter) flushEvery(period time.Duration) {
	defer close(l.done)
	tick := time.NewTicker(period)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			l.Flush()
		case <-l.stop:
			return
		}
	}
}

// Write buffers p.
func (l *LogWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// Flush writes what is buffered to the output.
func (l *LogWriter) Flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Flush()
}

// Close stops the timer and flushes what is left. Writes after Close are
// still taken, and reach the output at the next Flush.
func (l *LogWriter) Close() error {
	select {
	case <-l.stop:
	default:
		close(l.stop)
		<-l.done
	}
	return l.Flush()
}

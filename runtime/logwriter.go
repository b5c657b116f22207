package runtime

import (
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
// LogWriter is safe for concurrent use. It has two buffers: the output
// gets one while the other takes new lines, so no request waits for the
// output unless both are full.
type LogWriter struct {
	mu    sync.Mutex // guards buf
	buf   []byte     // the lines not yet handed to the output
	out   sync.Mutex // guards spare and w, taken before mu is let go: lines keep their order
	spare []byte     // the other buffer, empty

	w    io.Writer
	stop chan struct{}
	done chan struct{}
}

// logBufferSize is each of a LogWriter's two buffers.
const logBufferSize = 64 << 10

// NewLogWriter buffers writes to w and flushes them every period.
func NewLogWriter(w io.Writer, period time.Duration) *LogWriter {
	l := &LogWriter{w: w, buf: make([]byte, 0, logBufferSize), spare: make([]byte, 0, logBufferSize),
		stop: make(chan struct{}), done: make(chan struct{})}
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

// Write buffers p, and hands the buffer to the output first when p does
// not fit.
func (l *LogWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	if len(l.buf)+len(p) > cap(l.buf) && len(l.buf) > 0 {
		if err := l.handOver(); err != nil { // lets mu go
			return 0, err
		}
		l.mu.Lock()
	}
	l.buf = append(l.buf, p...)
	l.mu.Unlock()
	return len(p), nil
}

// Flush writes what is buffered to the output.
func (l *LogWriter) Flush() error {
	l.mu.Lock()
	if len(l.buf) == 0 {
		l.mu.Unlock()
		return nil
	}
	return l.handOver()
}

// handOver, called with mu held, writes the buffer to the output while
// the spare takes new lines. It lets mu go. The spare is out's: the output
// gives it back before it lets out go, without mu, so a hand-over waiting
// for out (holding mu) does not wait on itself.
func (l *LogWriter) handOver() error {
	l.out.Lock() // the buffer handed over before this one is written
	full := l.buf
	l.buf, l.spare = l.spare, nil
	l.mu.Unlock()
	_, err := l.w.Write(full)
	l.spare = full[:0]
	if cap(full) > logBufferSize { // a line longer than a buffer grew it
		l.spare = make([]byte, 0, logBufferSize)
	}
	l.out.Unlock()
	return err
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

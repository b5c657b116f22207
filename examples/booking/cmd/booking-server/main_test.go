package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"example.com/booking/internal/testdb"
	"example.com/booking/internal/testlog"
)

// env is an environment for getenv.
type env map[string]string

func (e env) get(name string) string { return e[name] }

func TestConfigNamesEveryProblem(t *testing.T) {
	_, err := configFromEnv(env{
		"IVR_VIRTUAL_NUMBER":     "6531591234",
		"BOOKING_DATABASE_URL":   "mysql://luigi@db/bookings",
		"BOOKING_TABLES_PER_DAY": "0",
		"BOOKING_TIMEZONE":       "Mars/Olympus",
		"BOOKING_NOW":            "tonight",
	}.get)
	if err == nil {
		t.Fatal("configFromEnv accepted a wrong environment")
	}
	for _, name := range []string{"IVR_VIRTUAL_NUMBER", "IVR_STAFF_NUMBER", "BOOKING_DATABASE_URL", "BOOKING_TIMEZONE", "BOOKING_NOW"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("the error does not name %s:\n%v", name, err)
		}
	}
	_, err = configFromEnv(env{"IVR_VIRTUAL_NUMBER": "+6531591234", "IVR_STAFF_NUMBER": "+6562345678", "BOOKING_TABLES_PER_DAY": "0"}.get)
	if err == nil || !strings.Contains(err.Error(), "BOOKING_TABLES_PER_DAY") {
		t.Errorf("BOOKING_TABLES_PER_DAY=0: %v, want an error naming it", err)
	}
}

func TestConfig(t *testing.T) {
	c, err := configFromEnv(env{
		"IVR_VIRTUAL_NUMBER": "+6531591234", "IVR_STAFF_NUMBER": "+6562345678",
		"BOOKING_TIMEZONE": "Europe/Rome", "BOOKING_NOW": "2026-03-14T19:30:00+01:00",
	}.get)
	if err != nil {
		t.Fatal(err)
	}
	if c.where != "booking.db" || c.zone.String() != "Europe/Rome" || c.store.TablesPerDay != 0 {
		t.Errorf("config %+v: want booking.db, Europe/Rome, the default tables", c)
	}
	if now := c.now(); !now.Equal(time.Date(2026, time.March, 14, 18, 30, 0, 0, time.UTC)) {
		t.Errorf("the clock says %v", now)
	}
	if got := redacted("postgres://luigi:pizza@db:5432/bookings"); strings.Contains(got, "pizza") {
		t.Errorf("redacted shows the password: %s", got)
	}
}

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

// The server starts on a SQLite file (BOOKING_DB) or on PostgreSQL
// (BOOKING_DATABASE_URL), answers an authenticated webhook, refuses one
// without the header, and drains when its context ends.
func TestServe(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { serveOn(t, "BOOKING_DB", testdb.SQLite(t), "sqlite") })
	t.Run("postgres", func(t *testing.T) { serveOn(t, "BOOKING_DATABASE_URL", testdb.Postgres(t), "postgres") })
}

func serveOn(t *testing.T, variable, where, kind string) {
	var log testlog.Buffer
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	getenv := env{
		"IVR_VIRTUAL_NUMBER": "+6531591234", "IVR_STAFF_NUMBER": "+6562345678",
		"IVR_WEBHOOK_AUTH": "s3cret", "IVR_STATE_KEY": "a secret",
		variable: where,
	}.get
	exited := make(chan int, 1)
	go func() { exited <- run(ctx, []string{"-addr", "127.0.0.1:0"}, getenv, &log) }()
	addr := waitListening(t, &log, exited)

	first := `{"namespace":"VOICE","eventType":"CALL_ACTION","payload":{"callId":"c1","sessionId":"s1","callStatus":"CALL_RECEIVED"}}`
	for auth, want := range map[string]int{"s3cret": http.StatusOK, "": http.StatusUnauthorized} {
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/webhooks", strings.NewReader(first))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want || want == http.StatusOK && !bytes.Contains(body, []byte(`"clientActionId":"2|main|`)) {
			t.Errorf("Authorization %q: %d %s, want %d (the main menu)", auth, resp.StatusCode, body, want)
		}
	}
	stop()
	if code := <-exited; code != 0 {
		t.Errorf("exit status %d, want 0\n%s", code, log.String())
	}
	for _, want := range []string{`"msg":"bookings".*"database":"` + kind + `"`, `"msg":"stopped"`} {
		if !regexp.MustCompile(want).MatchString(log.String()) {
			t.Errorf("no log line matching %s:\n%s", want, log.String())
		}
	}
	if strings.Contains(log.String(), "not authenticated") || strings.Contains(log.String(), "not signed") {
		t.Errorf("warnings about settings that are set:\n%s", log.String())
	}
}

// waitListening waits for the server's "listening" log line, and returns
// its address.
func waitListening(t *testing.T, log *testlog.Buffer, exited <-chan int) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, line := range strings.Split(log.String(), "\n") {
			var l struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &l) == nil && l.Msg == "listening" {
				return l.Addr
			}
		}
		select {
		case code := <-exited:
			t.Fatalf("the server exited with %d:\n%s", code, log.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("the server did not listen within 10s:\n%s", log.String())
	return ""
}
